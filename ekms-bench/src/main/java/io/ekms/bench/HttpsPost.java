package io.ekms.bench;

import io.ekms.common.tls.TrustBundle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A keep-alive HTTPS client for one endpoint that sends a fixed request (a POST of a fixed body,
 * unless built otherwise) and checks the status.
 */
final class HttpsPost implements Operation {
  private final HttpClient http;
  private final HttpRequest request;
  private final int expected;

  HttpsPost(List<X509Certificate> trust, String url, String bearer, String json, int expected) {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(TrustBundle.sslContext(trust))
            .build();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    this.request = b.build();
    this.expected = expected;
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
