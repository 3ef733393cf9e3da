package io.ekms.it;

import io.ekms.common.tls.Pem;
import io.ekms.common.tls.TrustBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Raw HTTPS to the stack's servers, trusting only its CA: whatever method, path, headers and bytes
 * a test wants to send, including what no well-behaved client would. A dropped connection is an
 * {@link UncheckedIOException}, so a test sees it.
 */
final class Wire {
  private final HttpClient http;

  Wire(Path caFile) {
    try {
      this.http =
          HttpClient.newBuilder()
              .sslContext(TrustBundle.sslContext(Pem.certificates(caFile)))
              .connectTimeout(Duration.ofSeconds(10))
              .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Answer send(String method, URI uri, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    try {
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("the connection failed: " + method + " " + uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
