package io.ekms.identity.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import io.ekms.common.tls.Pem;
import io.ekms.common.tls.TrustBundle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A real HTTPS client for tests that trusts only the identity server's CA. */
final class HttpAnswers {
  /** Status, parsed body (missing node when empty or not JSON), headers and the raw text. */
  record Answer(int status, JsonNode body, HttpHeaders headers, String text) {
    String error() {
      return body.path("error").asText();
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  private final HttpClient http;

  HttpAnswers(String caPem) {
    this.http =
        HttpClient.newBuilder()
            .sslContext(TrustBundle.sslContext(Pem.certificates(caPem)))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  Answer send(String method, String url, Map<String, String> headers, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), json(r.body()), r.headers(), r.body());
  }

  /** The body as JSON; a missing node when it is empty or not JSON (Helidon's own 404 page). */
  private static JsonNode json(String body) {
    try {
      return body.isEmpty() ? Json.mapper().missingNode() : Json.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      return Json.mapper().missingNode();
    }
  }
}
