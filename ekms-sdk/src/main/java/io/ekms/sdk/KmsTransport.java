package io.ekms.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends signed JSON requests and turns every failure into one {@link KmsException}. Each request
 * carries a fresh {@code opc-request-id}; answers are read up to {@link #MAX_ANSWER} bytes. POST
 * and PUT always carry a JSON body ({@code {}} when there is nothing to say), since the KMS
 * requires its length and hash to be signed. HTTP/1.1 only, so the {@code host} header the server
 * sees is the one that was signed.
 */
final class KmsTransport {
  static final int MAX_ANSWER = 4 << 20;
  private final HttpClient http;
  private final RequestSigner signer;
  private final Duration timeout;

  KmsTransport(HttpClient http, RequestSigner signer, Duration timeout) {
    this.http = http;
    this.signer = signer;
    this.timeout = timeout;
  }

  /** An answer with a 2xx status. */
  record Answer(byte[] body, String nextPage) {
    <T> T as(Class<T> type) {
      return Json.read(body, type);
    }
  }

  Answer send(String method, URI uri, Object body) {
    boolean hasBody = method.equals("POST") || method.equals("PUT");
    byte[] bytes = hasBody ? Json.write(body == null ? Map.of() : body) : new byte[0];
    String requestId = HexFormat.of().formatHex(randomBytes());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("accept", "application/json")
            .header("opc-request-id", requestId)
            .method(
                method,
                hasBody
                    ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                    : HttpRequest.BodyPublishers.noBody());
    signer.sign(method, uri, bytes).forEach(request::header);
    HttpResponse<InputStream> response;
    byte[] answer;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        answer = in.readNBytes(MAX_ANSWER + 1);
      }
    } catch (IOException e) {
      throw unreachable(uri, requestId, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(uri, requestId, e);
    }
    if (answer.length > MAX_ANSWER) {
      throw new KmsException(
          response.statusCode(), "AnswerTooLarge", "The KMS answer is too large.", requestId, null);
    }
    if (response.statusCode() / 100 != 2) {
      throw error(response.statusCode(), answer, requestId, retryAfter(response));
    }
    return new Answer(answer, response.headers().firstValue("opc-next-page").orElse(null));
  }

  /** The answer's {@code Retry-After} in whole seconds (at most an hour), 0 when absent. */
  private static long retryAfter(HttpResponse<?> response) {
    return io.ekms.common.http.RetryAfter.seconds(
            response.headers().firstValue("Retry-After").orElse(null))
        .orElse(0);
  }

  private static KmsException error(int status, byte[] body, String requestId, long retryAfter) {
    String code = "HttpStatus" + status;
    String message = "The KMS answered HTTP " + status + ".";
    try {
      JsonNode node = Json.mapper().readTree(body);
      if (node != null && node.path("code").isTextual()) {
        code = node.path("code").asText();
        message = node.path("message").asText(message);
      }
    } catch (IOException e) {
      // Not JSON (a proxy's page, for example): keep the status-based code and message.
    }
    return new KmsException(status, code, message, requestId, null, retryAfter);
  }

  private static KmsException unreachable(URI uri, String requestId, Exception e) {
    return new KmsException(
        0,
        KmsException.UNREACHABLE,
        "The KMS at " + uri.getHost() + ":" + uri.getPort() + " did not answer: " + e,
        requestId,
        e);
  }

  private static byte[] randomBytes() {
    byte[] out = new byte[16];
    ThreadLocalRandom.current().nextBytes(out);
    return out;
  }
}
