package io.ekms.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import io.ekms.common.tls.Pem;
import io.ekms.common.tls.TrustBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Hand-built HTTPS requests for tests, trusting only the CA it is given: any method, headers and
 * body, whatever the server answers (no check of the status). For what a well-behaved admin does,
 * use the typed clients of {@code ekms-admin-client}; this is for the API calls under test and for
 * requests a well-behaved client would never send (no token, a wrong one, a broken body).
 */
public final class RawHttps {
  /** Status, the body as JSON (a missing node when empty or not JSON), headers and the raw text. */
  public record Answer(int status, JsonNode body, HttpHeaders headers, String text) {
    /** The {@code code} of an ekms error body. */
    public String code() {
      return body.path("code").asText();
    }

    /** The {@code error} of an OAuth error body. */
    public String error() {
      return body.path("error").asText();
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    /** The echoed {@code opc-request-id}. */
    public String requestId() {
      return header("opc-request-id");
    }

    public String retryAfter() {
      return header("retry-after");
    }
  }

  private final HttpClient http;
  private final String base;

  private RawHttps(String base, String caPem) {
    this.http =
        HttpClient.newBuilder()
            .sslContext(TrustBundle.sslContext(Pem.certificates(caPem)))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.base = base;
  }

  /** Requests to {@code base} + path, trusting the CA in the PEM file {@code caFile}. */
  public static RawHttps at(String base, Path caFile) {
    try {
      return new RawHttps(base, Files.readString(caFile));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Requests to full URLs, trusting the CA {@code caPem}. */
  public static RawHttps trusting(String caPem) {
    return new RawHttps("", caPem);
  }

  /** Sends {@code body} (null: none) with exactly {@code headers}. */
  public Answer send(String method, String path, Map<String, String> headers, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), json(r.body()), r.headers(), r.body());
  }

  /**
   * Sends {@code rawBody} (null: none) as JSON with a fresh {@code opc-request-id} ({@code
   * test-...}) and, unless null, {@code bearer} as the bearer token.
   */
  public Answer send(String method, String path, String bearer, String rawBody)
      throws IOException, InterruptedException {
    Map<String, String> headers =
        new java.util.HashMap<>(
            Map.of(
                "Content-Type", "application/json", "opc-request-id", "test-" + System.nanoTime()));
    if (bearer != null) {
      headers.put("Authorization", "Bearer " + bearer);
    }
    return send(method, path, headers, rawBody);
  }

  /** {@code body} as JSON, with {@code bearer} (null: none). */
  public Answer post(String path, String bearer, Object body)
      throws IOException, InterruptedException {
    return send("POST", path, bearer, Json.writeString(body));
  }

  public Answer get(String path, String bearer) throws IOException, InterruptedException {
    return send("GET", path, bearer, null);
  }

  /** A request without body, credentials or headers (for /health and /metrics). */
  public Answer bare(String method, String path) throws IOException, InterruptedException {
    return send(method, path, Map.of(), null);
  }

  private static JsonNode json(String body) {
    try {
      return body.isEmpty() ? Json.mapper().missingNode() : Json.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      return Json.mapper().missingNode();
    }
  }
}
