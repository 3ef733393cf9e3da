package io.ekms.kms.ekmclient;

import io.ekms.common.tls.TrustBundle;
import io.ekms.core.http.ServerTls;
import io.ekms.core.tls.LocalCa;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where tests see an identity server's token requests: HTTPS on 127.0.0.1 with a certificate of its
 * own CA, passing {@code POST /oauth2/v1/token} (body, {@code Authorization} and {@code
 * Content-Type}) to the real identity server and its answer (status, body, {@code Content-Type},
 * {@code WWW-Authenticate}) back. It counts every request on arrival and can hold them until a
 * latch opens. Give an {@link OAuthClient} {@link #url()} and {@link #trust()} to go through it.
 */
final class TokenGate implements AutoCloseable {
  private final LocalCa ca = LocalCa.create("token gate CA");
  private final AtomicInteger requests = new AtomicInteger();
  private final URI tokenEndpoint;
  private final HttpClient identity;
  private final WebServer server;
  private volatile CountDownLatch hold;

  /** A gate to the identity server at {@code issuer}, whose certificate {@code trust} holds. */
  TokenGate(String issuer, List<X509Certificate> trust) {
    tokenEndpoint = URI.create(issuer + OAuthClient.TOKEN_PATH);
    identity = HttpClient.newBuilder().sslContext(TrustBundle.sslContext(trust)).build();
    server =
        WebServer.builder()
            .host("127.0.0.1")
            .port(0)
            .tls(
                ServerTls.of(
                    ca.issueServer("token-gate", List.of("localhost"), List.of("127.0.0.1"))))
            .routing(r -> r.post(OAuthClient.TOKEN_PATH, this::pass))
            .build()
            .start();
  }

  /** The identity URL ({@code idcsAccountNameUrl}) that leads through the gate. */
  String url() {
    return "https://127.0.0.1:" + server.port();
  }

  /** The CA of the gate's certificate. */
  List<X509Certificate> trust() {
    return List.of(ca.certificate());
  }

  /** How many token requests have arrived, answered or not. */
  int requests() {
    return requests.get();
  }

  /** Holds every request (already counted) until {@code release} opens; null passes them on. */
  void hold(CountDownLatch release) {
    hold = release;
  }

  private void pass(ServerRequest request, ServerResponse response) throws Exception {
    requests.incrementAndGet();
    CountDownLatch release = hold;
    if (release != null) {
      release.await();
    }
    HttpRequest.Builder forward =
        HttpRequest.newBuilder(tokenEndpoint)
            .POST(HttpRequest.BodyPublishers.ofByteArray(request.content().as(byte[].class)));
    for (var name : List.of(HeaderNames.AUTHORIZATION, HeaderNames.CONTENT_TYPE)) {
      request.headers().first(name).ifPresent(v -> forward.header(name.defaultCase(), v));
    }
    HttpResponse<byte[]> answer =
        identity.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
    response.status(Status.create(answer.statusCode()));
    for (var name : List.of(HeaderNames.CONTENT_TYPE, HeaderNames.WWW_AUTHENTICATE)) {
      answer.headers().firstValue(name.defaultCase()).ifPresent(v -> response.header(name, v));
    }
    response.send(answer.body());
  }

  @Override
  public void close() {
    server.stop();
    identity.close();
  }
}
