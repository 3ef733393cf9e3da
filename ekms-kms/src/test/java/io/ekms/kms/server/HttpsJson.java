package io.ekms.kms.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import io.ekms.common.tls.Pem;
import io.ekms.common.tls.TrustBundle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/** A small HTTPS JSON client for admin APIs in tests, with a bearer token. */
final class HttpsJson {
  private final HttpClient http;
  private final String base;
  private final String token;

  HttpsJson(String base, Path caFile, String token) throws Exception {
    this.http =
        HttpClient.newBuilder()
            .sslContext(TrustBundle.sslContext(Pem.certificates(caFile)))
            .build();
    this.base = base;
    this.token = token;
  }

  JsonNode call(String method, String path, Object body) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(
                    method,
                    body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Json.writeString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) {
      throw new IllegalStateException(
          method + " " + path + " -> " + r.statusCode() + " " + r.body());
    }
    return Json.mapper().readTree(r.body());
  }
}
