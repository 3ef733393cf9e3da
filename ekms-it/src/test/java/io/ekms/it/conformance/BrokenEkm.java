package io.ekms.it.conformance;

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
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * A deliberately broken EKM for the conformance kit's own tests: a real ekms EKM behind an HTTPS
 * proxy that forwards every request (the Host header kept, so SigV4 still verifies) and introduces
 * exactly one {@link Defect}, in the request it forwards or in the answer it returns.
 */
final class BrokenEkm implements AutoCloseable {
  /** The one thing this EKM gets wrong. */
  interface Defect {
    /** The body to forward for a request to {@code path}. */
    default byte[] request(String path, byte[] body) {
      return body;
    }

    /** The answer to return for {@code path}, given the real one. */
    default Upstream response(String path, Upstream real) {
      return real;
    }
  }

  /** An answer: status, content type and body. */
  record Upstream(int status, String contentType, byte[] body) {}

  private static final Set<String> FORWARDED =
      Set.of("authorization", "content-type", "x-amz-date", "opc-request-id", "host");
  private final LocalCa ca = LocalCa.create("broken EKM CA");
  private final WebServer server;
  private final HttpClient upstream;
  private final String target;
  private final Defect defect;

  /** Proxies to {@code target} (scheme, host and port) over {@code upstreamTls}. */
  BrokenEkm(String target, SSLContext upstreamTls, Defect defect) {
    this.target = target;
    this.defect = defect;
    this.upstream = HttpClient.newBuilder().sslContext(upstreamTls).build();
    var identity = ca.issueServer("127.0.0.1", List.of("localhost"), List.of("127.0.0.1"));
    server =
        WebServer.builder()
            .host("127.0.0.1")
            .port(0)
            .tls(ServerTls.of(identity))
            .routing(r -> r.any(this::forward))
            .build()
            .start();
  }

  String caPem() {
    return ca.certificatePem();
  }

  /** The proxy's base URL; paths are the target's. */
  String url() {
    return "https://127.0.0.1:" + server.port();
  }

  private void forward(ServerRequest request, ServerResponse response) throws Exception {
    String path = request.path().rawPath();
    byte[] body = request.content().hasEntity() ? request.content().as(byte[].class) : new byte[0];
    byte[] sent = defect.request(path, body);
    var out =
        HttpRequest.newBuilder(URI.create(target + path))
            .method(
                request.prologue().method().text(), HttpRequest.BodyPublishers.ofByteArray(sent));
    request
        .headers()
        .forEach(
            h -> {
              if (FORWARDED.contains(h.name().toLowerCase(java.util.Locale.ROOT))) {
                out.header(h.name(), h.get());
              }
            });
    HttpResponse<byte[]> real = upstream.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
    Upstream answer =
        defect.response(
            path,
            new Upstream(
                real.statusCode(),
                real.headers().firstValue("content-type").orElse("application/json"),
                real.body()));
    response.status(Status.create(answer.status()));
    response.header(HeaderNames.CONTENT_TYPE, answer.contentType());
    real.headers()
        .firstValue("opc-request-id")
        .ifPresent(id -> response.header("opc-request-id", id));
    response.send(answer.body());
  }

  @Override
  public void close() {
    server.stop();
  }
}
