package io.ekms.sdk;

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

/** A small HTTPS JSON client for the servers' admin APIs, with the bearer token of a data dir. */
final class AdminJson {
  private final HttpClient http;
  private final String base;
  private final String token;

  AdminJson(int port, Path dataDir) throws Exception {
    this.http =
        HttpClient.newBuilder()
            .sslContext(TrustBundle.sslContext(Pem.certificates(dataDir.resolve("tls/ca.pem"))))
            .build();
    this.base = "https://127.0.0.1:" + port;
    this.token = Files.readString(dataDir.resolve("admin.token")).trim();
  }

  JsonNode post(String path, Object body) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.writeString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) {
      throw new IllegalStateException("POST " + path + " -> " + r.statusCode() + " " + r.body());
    }
    return Json.mapper().readTree(r.body());
  }
}
