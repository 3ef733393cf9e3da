package io.ekms.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.ekms.common.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The kit's HTTPS: sends exactly the method, headers and body a check builds (a conforming client's
 * or an attacker's), and returns whatever the EKM answered. No retries: each check judges one
 * answer.
 */
public final class Wire {
  private final HttpClient http;
  private final Duration timeout;

  /** Connects trusting {@code tls} (which may carry a client certificate for mutual TLS). */
  public Wire(SSLContext tls, Duration timeout) {
    this.http =
        HttpClient.newBuilder()
            .sslContext(tls)
            .connectTimeout(timeout)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.timeout = timeout;
  }

  /** Sends {@code body} (null: none) to {@code url} with exactly {@code headers}. */
  public Answer send(String method, String url, Map<String, String> headers, byte[] body)
      throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(
        response.statusCode(), parse(response.body()), response.headers(), response.body());
  }

  private static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return Json.mapper().readTree(text);
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }
}
