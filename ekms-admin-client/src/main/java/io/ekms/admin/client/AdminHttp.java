package io.ekms.admin.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import io.ekms.common.secret.SecretFiles;
import io.ekms.common.tls.Pem;
import io.ekms.common.tls.TrustBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One ekms admin API over HTTPS, trusting only the CA it is given and sending the admin token as a
 * bearer token. Answers are JSON trees ({@link #call}) or the server's text unchanged ({@link
 * #send}); an error answer throws {@link AdminException} with the server's status, code and
 * message. The token file must be readable by its owner only.
 */
public final class AdminHttp {
  private final String server;
  private final HttpClient http;
  private final String baseUrl;
  private final String token;

  private AdminHttp(String server, HttpClient http, String baseUrl, String token) {
    this.server = server;
    this.http = http;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.token = token;
  }

  /**
   * @param server names the server in errors ("the EKM answered 404 ...")
   * @param caFile the PEM CA bundle the admin listener's certificate chains to
   * @param tokenFile the admin token file the server's init wrote
   * @throws io.ekms.common.config.Misconfiguration when group or others may read the token file
   */
  public static AdminHttp of(String server, String baseUrl, Path caFile, Path tokenFile) {
    SecretFiles.requireOwnerOnly(tokenFile, "admin token file");
    try {
      HttpClient http =
          HttpClient.newBuilder()
              .sslContext(TrustBundle.sslContext(Pem.certificates(caFile)))
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      String token = Files.readString(tokenFile, StandardCharsets.US_ASCII).trim();
      return new AdminHttp(server, http, baseUrl, token);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + caFile + " or " + tokenFile, e);
    }
  }

  /** Sends {@code body} (null: none) as JSON; returns the answer's JSON ({@code {}} when empty). */
  public JsonNode call(String method, String path, Object body) {
    return tree(exchange(method, path, body == null ? null : Json.write(body)));
  }

  /**
   * Sends {@code jsonBody} (null: none) as it is and returns the answer's body as the server wrote
   * it (empty when it sent none), for callers that pass the server's answer on unchanged.
   */
  public String send(String method, String path, String jsonBody) {
    return new String(
        exchange(method, path, jsonBody == null ? null : jsonBody.getBytes(StandardCharsets.UTF_8)),
        StandardCharsets.UTF_8);
  }

  /**
   * The body of a 1xx-3xx answer.
   *
   * @throws AdminException when the server answered 4xx or 5xx
   * @throws UncheckedIOException when the server cannot be reached (its cause says why)
   */
  private byte[] exchange(String method, String path, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("the " + server + " cannot be reached at " + baseUrl, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling the " + server, e);
    }
    if (response.statusCode() >= 400) {
      JsonNode answer = tree(response.body());
      throw new AdminException(
          server,
          response.statusCode(),
          answer.path("code").asText(""),
          answer.path("message").asText(""));
    }
    return response.body();
  }

  /**
   * Every item of the paged admin list at {@code path} (without a query string), following {@code
   * nextPage} to the last page.
   */
  List<JsonNode> items(String path) {
    List<JsonNode> items = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String next = null;
    do {
      JsonNode page =
          call(
              "GET",
              next == null
                  ? path
                  : path + "?page=" + URLEncoder.encode(next, StandardCharsets.UTF_8),
              null);
      page.path("items").forEach(items::add);
      next = page.hasNonNull("nextPage") ? page.path("nextPage").asText() : null;
    } while (next != null && seen.add(next));
    return items;
  }

  /** The {@code items} of {@code GET /admin/v1/audit} for one request id (EKM and KMS). */
  JsonNode auditOf(String requestId) {
    return call(
            "GET",
            "/admin/v1/audit?limit=1000&requestId="
                + URLEncoder.encode(requestId, StandardCharsets.UTF_8),
            null)
        .path("items");
  }

  private static JsonNode tree(byte[] body) {
    try {
      return Json.mapper()
          .readTree(body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body);
    } catch (IOException e) {
      return Json.mapper().createObjectNode();
    }
  }
}
