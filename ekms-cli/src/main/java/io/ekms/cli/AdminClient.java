package io.ekms.cli;

import io.ekms.common.secret.SecretFiles;
import io.ekms.common.tls.Pem;
import io.ekms.common.tls.TrustBundle;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A small HTTPS client for an ekms admin API (EKM, identity), trusting only the given CA. */
public final class AdminClient {
  private final String server;
  private final HttpClient http;
  private final String baseUrl;
  private final String token;

  AdminClient(String baseUrl, Path caFile, Path tokenFile) throws IOException {
    this("EKM", baseUrl, caFile, tokenFile);
  }

  /** {@code server} names the server in error messages ("the EKM answered 404: ..."). */
  public AdminClient(String server, String baseUrl, Path caFile, Path tokenFile)
      throws IOException {
    this.server = server;
    this.http =
        HttpClient.newBuilder()
            .sslContext(TrustBundle.sslContext(Pem.certificates(caFile)))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    SecretFiles.requireOwnerOnly(tokenFile, "admin token file");
    this.token = Files.readString(tokenFile, StandardCharsets.US_ASCII).trim();
  }

  /** Sends the call; returns the JSON body, or throws with the server's code and message. */
  public String call(String method, String path, String jsonBody)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json");
    request.method(
        method,
        jsonBody == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(jsonBody));
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 400) {
      throw new CliRemoteException(
          "the " + server + " answered " + response.statusCode() + ": " + response.body(),
          response.statusCode() >= 500);
    }
    return response.body();
  }
}
