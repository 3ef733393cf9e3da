package io.ekms.stack;

import io.ekms.admin.client.IdentityAdmin;
import io.ekms.common.json.Json;
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
import java.util.Base64;

/**
 * Client-credentials tokens from a {@link LoopbackStack}'s identity server: what the KMS fetches
 * for the EKM API, and what a service-account client fetches for a Cloud EKM key store.
 */
public final class OAuthTokens {
  private OAuthTokens() {}

  /**
   * A fresh access token for {@code client} with the EKM's audience and scope {@code oci_ekms}, as
   * the KMS fetches one.
   *
   * @throws IllegalStateException when the identity server refuses the client
   */
  public static String fetch(LoopbackStack stack, IdentityAdmin.Client client) {
    return fetch(stack, client, stack.ekmAudience() + "oci_ekms");
  }

  /**
   * A fresh access token for {@code client} with {@code scope} (null: none, so the client's only
   * audience and all its scopes).
   *
   * @throws IllegalStateException when the identity server refuses the client
   */
  public static String fetch(LoopbackStack stack, IdentityAdmin.Client client, String scope) {
    String basic =
        Base64.getEncoder()
            .encodeToString((client.id() + ":" + client.secret()).getBytes(StandardCharsets.UTF_8));
    String form =
        "grant_type=client_credentials"
            + (scope == null ? "" : "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(stack.identity().issuer() + "/oauth2/v1/token"))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    try (HttpClient http =
        HttpClient.newBuilder()
            .sslContext(TrustBundle.sslContext(Pem.certificates(stack.caFile())))
            .build()) {
      HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException(
            "the identity server answered " + answer.statusCode() + " to a token request");
      }
      return Json.mapper().readTree(answer.body()).path("access_token").asText();
    } catch (IOException e) {
      throw new UncheckedIOException("the identity server cannot be reached", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking for a token", e);
    }
  }
}
