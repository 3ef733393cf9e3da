package io.ekms.cli.quickstart;

import static io.ekms.cli.quickstart.Steps.expect;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.admin.client.IdentityAdmin;
import io.ekms.common.json.Json;
import io.ekms.common.secret.SecretFiles;
import io.ekms.common.tls.Pem;
import io.ekms.common.tls.TrustBundle;
import io.ekms.stack.LoopbackStack;
import io.ekms.stack.OAuthTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * One Cloud EKM wrap and unwrap against the quickstart's Google key store, over HTTPS, as Cloud KMS
 * calls it: with an ID token of the allowed service account (fetched from the identity server
 * standing in for Google, and saved for the user) and a key access justification.
 */
final class GcpProbe {
  private static final byte[] DEK =
      "a data key Cloud KMS already wrapped".getBytes(StandardCharsets.UTF_8);
  private static final String AAD =
      Base64.getEncoder().encodeToString("quickstart".getBytes(StandardCharsets.UTF_8));
  private final QuickstartFile.Gcp gcp;
  private final LoopbackStack stack;
  private final HttpClient http;

  GcpProbe(QuickstartFile file, LoopbackStack stack) throws Exception {
    this.gcp = file.gcp();
    this.stack = stack;
    this.http =
        HttpClient.newBuilder()
            .sslContext(TrustBundle.sslContext(Pem.certificates(Path.of(file.caCertificate()))))
            .build();
  }

  String run() throws Exception {
    String token = freshToken();
    JsonNode wrapped =
        call(
            token,
            "wrap",
            Map.of(
                "keyPath",
                "v0/keys/" + gcp.keyName(),
                "plaintext",
                Base64.getEncoder().encodeToString(DEK),
                "additionalAuthenticatedData",
                AAD,
                "additionalContext",
                Map.of("accessReasonContext", Map.of("reason", "CUSTOMER_INITIATED_ACCESS"))));
    String blob = wrapped.path("wrappedBlob").asText();
    JsonNode unwrapped =
        call(
            token,
            "unwrap",
            Map.of(
                "keyPath",
                "v0/keys/" + gcp.keyName(),
                "wrappedBlob",
                blob,
                "additionalAuthenticatedData",
                AAD,
                "additionalContext",
                Map.of("accessReasonContext", Map.of("reason", "CUSTOMER_INITIATED_ACCESS"))));
    expect(
        Base64.getEncoder().encodeToString(DEK).equals(unwrapped.path("plaintext").asText()),
        "the unwrapped plaintext differs");
    return "wrapped as "
        + Base64.getDecoder().decode(blob).length
        + " bytes and unwrapped on "
        + gcp.keyUri();
  }

  /** A new ID token by the client-credentials grant, saved (0600) for the user. */
  private String freshToken() throws Exception {
    String secret = Files.readString(GcpQuickstart.secretFile(stack.dataDir())).strip();
    String token = OAuthTokens.fetch(stack, new IdentityAdmin.Client(gcp.clientId(), secret), null);
    SecretFiles.write(Path.of(gcp.tokenFile()), token);
    return token;
  }

  private JsonNode call(String token, String verb, Map<String, Object> body) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(gcp.keyUri() + ":" + verb))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(body)))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new QuickstartException(
          "Cloud EKM " + verb + " answered " + response.statusCode() + ": " + response.body());
    }
    return Json.mapper().readTree(response.body());
  }
}
