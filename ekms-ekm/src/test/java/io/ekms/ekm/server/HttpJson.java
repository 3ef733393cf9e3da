package io.ekms.ekm.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import io.ekms.common.tls.Pem;
import io.ekms.common.tls.TrustBundle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A real HTTPS client for tests, trusting only the EKM's CA. */
final class HttpJson {
  /** A status, the parsed body, the echoed request id and the Retry-After header, if any. */
  record Answer(int status, JsonNode body, String requestId, String retryAfter) {
    String code() {
      return body.path("code").asText();
    }
  }

  private final HttpClient http;
  private final String base;

  HttpJson(String base, Path caFile) throws Exception {
    this.http =
        HttpClient.newBuilder()
            .sslContext(TrustBundle.sslContext(Pem.certificates(Files.readString(caFile))))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.base = base;
  }

  Answer send(String method, String path, String bearer, String rawBody) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .header("opc-request-id", "test-" + System.nanoTime())
            .method(
                method,
                rawBody == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(rawBody));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body =
        r.body().isEmpty() ? Json.mapper().nullNode() : Json.mapper().readTree(r.body());
    return new Answer(
        r.statusCode(),
        body,
        r.headers().firstValue("opc-request-id").orElse(null),
        r.headers().firstValue("retry-after").orElse(null));
  }

  /** A status and the body as text. */
  record Text(int status, String body) {}

  /** A request without body or credentials, answered as text (for /metrics). */
  Text sendRaw(String method, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Text(r.statusCode(), r.body());
  }

  Answer post(String path, String bearer, Object body) throws Exception {
    return send("POST", path, bearer, Json.writeString(body));
  }

  Answer get(String path, String bearer) throws Exception {
    return send("GET", path, bearer, null);
  }
}
