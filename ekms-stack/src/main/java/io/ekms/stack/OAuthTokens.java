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
 * Client-credentials tokens from a {@link LoopbackStack}'s identity server, for the EKM: what the
 * KMS fetches, for tests that call the EKM API as the KMS does.
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
    String basic =
        Base64.getEncoder()
            .encodeToString((client.id() + ":" + client.secret()).getBytes(StandardCharsets.UTF_8));
    String form =
        "grant_type=client_credentials&scope="
            + URLEncoder.encode(stack.ekmAudience() + "oci_ekms", StandardCharsets.UTF_8);
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
