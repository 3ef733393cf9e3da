package io.ekms.bench;

import io.ekms.common.json.Json;
import io.ekms.common.tls.Pem;
import io.ekms.stack.LoopbackStack;
import io.ekms.stack.StackTenant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The EKM API's encrypt and decrypt (32-byte plaintext) with the bench key, called directly over
 * HTTPS with the vault client's bearer token, as the KMS calls them.
 */
final class EkmScenarios {
  static final String ENCRYPT = "ekm-encrypt";
  static final String DECRYPT = "ekm-decrypt";
  static final String DECRYPT_WITH_POLICY = "ekm-decrypt-policy";

  /**
   * The policy of {@link #DECRYPT_WITH_POLICY}, as a bank would write one: only the KMS's client,
   * only encrypt and decrypt, not from a documentation network, on any day of the week in Zurich.
   */
  static final String REALISTIC_POLICY =
      "caller == '%s' && operation in ['encrypt', 'decrypt'] && !source.startsWith('192.0.2.')"
          + " && time.getDayOfWeek('Europe/Zurich') >= 0";

  private EkmScenarios() {}

  /** The two operations, named with {@code prefix} ({@code ekm} or {@code pkcs11-ekm}). */
  static Map<String, Operation> of(LoopbackStack stack, StackTenant tenant, String prefix)
      throws Exception {
    return of(stack, tenant, tenant.ekmKeyId(), prefix);
  }

  /** As above for EKM key {@code keyId} of the tenant's vault. */
  static Map<String, Operation> of(
      LoopbackStack stack, StackTenant tenant, String keyId, String prefix) throws Exception {
    var trust = Pem.certificates(stack.caFile());
    String token = tenant.ekmToken(stack);
    String plaintext = Base64.getEncoder().encodeToString(new byte[32]);
    HttpsPost encrypt =
        new HttpsPost(
            trust,
            keyUrl(stack, tenant, keyId, "encrypt"),
            token,
            Json.writeString(Map.of("plaintext", plaintext)),
            200);
    var sealed = Json.mapper().readTree(encrypt.body());
    HttpsPost decrypt =
        new HttpsPost(
            trust,
            keyUrl(stack, tenant, keyId, "decrypt"),
            token,
            Json.writeString(
                Map.of(
                    "ciphertext",
                    sealed.path("ciphertext").asText(),
                    "iv",
                    sealed.path("iv").asText(),
                    "tag",
                    sealed.path("tag").asText(),
                    "keyVersionId",
                    sealed.path("keyVersionId").asText(),
                    "mode",
                    "AES_GCM")),
            200);
    Map<String, Operation> out = new LinkedHashMap<>();
    out.put(prefix + "-encrypt", encrypt);
    out.put(prefix + "-decrypt", decrypt);
    return out;
  }

  /**
   * EKM API decrypt of a key of its own with {@link #REALISTIC_POLICY} attached (ALLOW, on the
   * key), to compare with {@link #DECRYPT} on a key without one.
   */
  static Map<String, Operation> withPolicy(LoopbackStack stack, StackTenant tenant)
      throws Exception {
    String keyId = stack.ekmAdmin().createKey(tenant.ekmVaultId(), "bench-policy");
    stack
        .ekmAdmin()
        .http()
        .call(
            "POST",
            "/admin/v1/policies",
            Map.of(
                "name",
                "bench-realistic",
                "scope",
                "key",
                "scopeId",
                keyId,
                "effect",
                "ALLOW",
                "expression",
                String.format(REALISTIC_POLICY, tenant.oauthClient().id())));
    Map<String, Operation> out = new LinkedHashMap<>();
    out.put(DECRYPT_WITH_POLICY, of(stack, tenant, keyId, "unused").get("unused-decrypt"));
    return out;
  }

  private static String keyUrl(LoopbackStack stack, StackTenant tenant, String keyId, String op) {
    return stack.ekmUrl()
        + "/oci/ekm/v1/vaults/"
        + tenant.ekmVaultId()
        + "/keys/"
        + keyId
        + "/"
        + op;
  }
}
