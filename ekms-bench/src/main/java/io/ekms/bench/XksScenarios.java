package io.ekms.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import io.ekms.common.tls.Pem;
import io.ekms.common.tls.TrustBundle;
import io.ekms.stack.LoopbackStack;
import io.ekms.stack.StackTenant;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * XKS encrypt and decrypt against the EKM's AWS External Key Store proxy API over HTTPS: one key
 * store (no rate limit of its own) with a fresh SigV4 credential, the bench's EKM key exposed as
 * {@code bench}. Requests are SigV4-signed by the client and the signature reused while inside the
 * 5-minute window; the EKM still verifies every request.
 */
final class XksScenarios {
  static final String ENCRYPT = "xks-encrypt";
  static final String DECRYPT = "xks-decrypt";
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private XksScenarios() {}

  static Map<String, Operation> of(LoopbackStack stack, StackTenant tenant) throws Exception {
    SecureRandom random = new SecureRandom();
    StringBuilder akid = new StringBuilder("AKIA");
    for (int i = 0; i < 16; i++) {
      akid.append(BASE32.charAt(random.nextInt(32)));
    }
    byte[] secretBytes = new byte[32];
    random.nextBytes(secretBytes);
    String secret = Base64.getEncoder().encodeToString(secretBytes);
    var admin = stack.ekmAdmin();
    String store = admin.xksStore("bench", "bench");
    admin.addXksCredential(store, akid.toString(), secret);
    admin.putXksKey(store, "bench", tenant.ekmVaultId(), tenant.ekmKeyId(), "ENCRYPT_DECRYPT");
    var sigV4 = new io.ekms.conformance.xks.SigV4(akid.toString(), secret, "us-east-1");
    SignedPost.Signer signer = (uri, body) -> sigV4.sign(uri, body, Instant.now());
    SSLContext trust = TrustBundle.sslContext(Pem.certificates(stack.caFile()));
    String base = "https://127.0.0.1:" + stack.ekm().xksPort() + "/bench/kms/xks/v1/keys/bench/";
    String plaintext = Base64.getEncoder().encodeToString(new byte[32]);
    String aad = Base64.getEncoder().encodeToString(new byte[32]);
    SignedPost encrypt =
        new SignedPost(
            trust,
            signer,
            base + "encrypt",
            Json.writeString(
                Map.of(
                    "requestMetadata",
                    metadata("Encrypt"),
                    "plaintext",
                    plaintext,
                    "encryptionAlgorithm",
                    "AES_GCM",
                    "additionalAuthenticatedData",
                    aad)),
            false);
    JsonNode sealed = Json.mapper().readTree(encrypt.body());
    Map<String, Object> decryptBody = new LinkedHashMap<>();
    decryptBody.put("requestMetadata", metadata("Decrypt"));
    decryptBody.put("encryptionAlgorithm", "AES_GCM");
    decryptBody.put("additionalAuthenticatedData", aad);
    for (String f :
        List.of("ciphertext", "initializationVector", "authenticationTag", "ciphertextMetadata")) {
      if (sealed.hasNonNull(f)) {
        decryptBody.put(f, sealed.path(f).asText());
      }
    }
    Map<String, Operation> out = new LinkedHashMap<>();
    out.put(ENCRYPT, encrypt);
    out.put(
        DECRYPT,
        new SignedPost(trust, signer, base + "decrypt", Json.writeString(decryptBody), false));
    return out;
  }

  private static Map<String, Object> metadata(String operation) {
    return Map.of(
        "kmsRequestId",
        "bench-" + operation,
        "kmsOperation",
        operation,
        "awsPrincipalArn",
        "arn:aws:iam::111122223333:user/bench");
  }
}
