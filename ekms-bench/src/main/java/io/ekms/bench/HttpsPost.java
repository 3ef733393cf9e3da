package io.ekms.bench;

import io.ekms.common.tls.TrustBundle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A keep-alive HTTPS client for one endpoint that sends a fixed request (a POST of a fixed body,
 * unless built otherwise) and checks the status.
 */
final class HttpsPost implements Replayable {
  private final HttpClient http;
  private final HttpRequest request;
  private final int expected;
  private final Optional<Wire> wire;

  HttpsPost(List<X509Certificate> trust, String url, String bearer, String json, int expected) {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(TrustBundle.sslContext(trust))
            .build();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    if (bearer != null) {
      headers.put("Authorization", "Bearer " + bearer);
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(json));
    headers.forEach(b::header);
    this.request = b.build();
    this.expected = expected;
    this.wire =
        Optional.of(
            new Wire("POST", URI.create(url), headers, json.getBytes(StandardCharsets.UTF_8)));
  }

  /** Any request, prebuilt (a GET, say). */
  HttpsPost(List<X509Certificate> trust, HttpRequest request, int expected) {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(TrustBundle.sslContext(trust))
            .build();
    this.request = request;
    this.expected = expected;
    Map<String, String> headers = new LinkedHashMap<>();
    request.headers().map().forEach((name, values) -> headers.put(name, values.getFirst()));
    this.wire =
        request.bodyPublisher().isEmpty()
            ? Optional.of(new Wire(request.method(), request.uri(), headers, new byte[0]))
            : Optional.empty();
  }

  /** The request to replay; empty for a prebuilt request with a body (its bytes are not kept). */
  @Override
  public Optional<Wire> replay() {
    return wire;
  }

  @Override
  public void run() throws Exception {
    HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != expected) {
      throw new IllegalStateException("status " + r.statusCode());
    }
  }

  /** The answer's body, after checking its status (for setting a scenario up). */
  String body() throws Exception {
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != expected) {
      throw new IllegalStateException(request.uri().getPath() + " answered " + r.statusCode());
    }
    return r.body();
  }
}
