package io.ekms.it.ekm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.admin.client.EkmAdmin;
import io.ekms.admin.client.IdentityAdmin;
import io.ekms.stack.LoopbackStack;
import io.ekms.stack.OAuthTokens;
import io.ekms.testing.RawHttps;
import io.ekms.testing.TestIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One vault of a {@link LoopbackStack}'s EKM with key {@code k1} (encrypt and decrypt), made
 * through the admin API, and the OCI EKM API calls the EKM's tests make on it. The stack starts and
 * configures the EKM; this only provisions the vault and sends requests.
 */
final class EkmVault {
  /** The OAuth client a vault of {@link #ofIssuer} is bound to. */
  static final String CLIENT = "kms-client";

  final LoopbackStack stack;

  /** The EKM API (its port stays the same across an EKM restart). */
  final RawHttps api;

  final String vaultId;
  final String keyId;
  private final Supplier<String> tokens;

  private EkmVault(LoopbackStack stack, String vaultId, Supplier<String> tokens) {
    this.stack = stack;
    this.api = RawHttps.at(stack.ekmUrl(), stack.caFile());
    this.vaultId = vaultId;
    this.tokens = tokens;
    this.keyId = createKey("k1", List.of("ENCRYPT", "DECRYPT"));
  }

  /**
   * A vault bound to a new OAuth client of the stack's identity server, called with one access
   * token of it (valid an hour), as the KMS calls the EKM.
   */
  static EkmVault ofIdentity(LoopbackStack stack) throws IOException {
    IdentityAdmin.Client client =
        stack
            .identityAdmin()
            .createClient("kms", List.of(stack.ekmAudience()), List.of("oci_ekms"));
    String issuerId =
        stack.ekmAdmin().trustIssuer(stack.identityIssuer(), Files.readString(stack.caFile()));
    String token = OAuthTokens.fetch(stack, client);
    return new EkmVault(
        stack, stack.ekmAdmin().createVault("v1", issuerId, client.id()), () -> token);
  }

  /**
   * A vault bound to client {@link #CLIENT} of {@code issuer}, trusted through the admin API, for
   * tests that hand-make tokens; {@link #token()} mints a valid one for each call.
   */
  static EkmVault ofIssuer(LoopbackStack stack, TestIssuer issuer) {
    EkmAdmin admin = stack.ekmAdmin();
    String issuerId = admin.addIssuer(issuer.issuer(), issuer.jwksUri(), issuer.caPem());
    return new EkmVault(
        stack,
        admin.createVault("v1", issuerId, CLIENT),
        () ->
            issuer
                .token()
                .clientId(CLIENT)
                .audience(stack.ekmAudience())
                .scope("oci_ekms")
                .expiresIn(Duration.ofMinutes(5))
                .sign());
  }

  /** The EKM's admin API (its port changes when the EKM restarts). */
  EkmAdmin admin() {
    return stack.ekmAdmin();
  }

  /** The admin listener, for requests no admin client sends (no token, a wrong one, /metrics). */
  RawHttps adminRaw() {
    return RawHttps.at(stack.ekmAdminUrl(), stack.caFile());
  }

  String adminToken() {
    try {
      return Files.readString(stack.adminTokenFile("ekm")).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A valid access token for this vault. */
  String token() {
    return tokens.get();
  }

  String apiBase() {
    return "/oci/ekm/v1/vaults/" + vaultId;
  }

  String createKey(String name, List<String> ops) {
    return admin().createKey(vaultId, name, ops);
  }

  /** Encrypts through the EKM API and expects 200; the answer's body. */
  JsonNode encrypt(String keyId, String plaintext, String aad) throws Exception {
    Map<String, Object> body = new HashMap<>(Map.of("plaintext", b64(plaintext)));
    if (aad != null) {
      body.put("aad", b64(aad));
    }
    var answer = api.post(apiBase() + "/keys/" + keyId + "/encrypt", token(), body);
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
    return answer.body();
  }

  /** Decrypts what {@link #encrypt} answered, with {@code aad} (may be null). */
  RawHttps.Answer decrypt(String keyId, JsonNode ct, String aad) throws Exception {
    Map<String, Object> body =
        new HashMap<>(
            Map.of(
                "ciphertext",
                ct.path("ciphertext").asText(),
                "iv",
                ct.path("iv").asText(),
                "tag",
                ct.path("tag").asText(),
                "mode",
                "AES_GCM",
                "keyVersionId",
                ct.path("keyVersionId").asText()));
    if (aad != null) {
      body.put("aad", b64(aad));
    }
    return api.post(apiBase() + "/keys/" + keyId + "/decrypt", token(), body);
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
