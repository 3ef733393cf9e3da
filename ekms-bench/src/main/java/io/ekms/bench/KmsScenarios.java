package io.ekms.bench;

import io.ekms.common.json.Json;
import io.ekms.common.tls.Pem;
import io.ekms.common.tls.TrustBundle;
import io.ekms.sdk.RequestSigner;
import io.ekms.stack.LoopbackStack;
import io.ekms.stack.StackTenant;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The end-to-end scenarios (application → KMS → EKM): encrypt, decrypt and
 * generateDataEncryptionKey of the KMS crypto API with requests signed by the SDK's signer, reused
 * while their date is valid, and decrypt once more with a fresh signature on every request.
 */
final class KmsScenarios {
  /** Names of the scenarios, as they appear in the report. */
  static final String ENCRYPT = "kms-encrypt";

  static final String DECRYPT = "kms-decrypt";
  static final String GENERATE_DEK = "kms-generate-dek";
  static final String DECRYPT_FRESH_SIGNATURE = "kms-decrypt-fresh-sig";

  private KmsScenarios() {}

  static Map<String, Operation> of(LoopbackStack stack, StackTenant tenant) throws Exception {
    SSLContext trust = TrustBundle.sslContext(Pem.certificates(stack.caFile()));
    RequestSigner rsa = new RequestSigner(tenant.apiKey(), Clock.systemUTC());
    SignedPost.Signer signer = (uri, body) -> rsa.sign("POST", uri, body);
    String keyId = tenant.keyId();
    String crypto = tenant.client(stack).getVault(tenant.vaultId()).cryptoEndpoint() + "/20180608/";
    String plaintext = Base64.getEncoder().encodeToString(new byte[32]);
    SignedPost encrypt =
        new SignedPost(
            trust,
            signer,
            crypto + "encrypt",
            Json.writeString(Map.of("keyId", keyId, "plaintext", plaintext)),
            false);
    String ciphertext = Json.mapper().readTree(encrypt.body()).path("ciphertext").asText();
    String decryptBody = Json.writeString(Map.of("keyId", keyId, "ciphertext", ciphertext));
    String generateBody =
        Json.writeString(
            Map.of(
                "keyId",
                keyId,
                "keyShape",
                Map.of("algorithm", "AES", "length", 32),
                "includePlaintextKey",
                false));
    Map<String, Operation> out = new LinkedHashMap<>();
    out.put(ENCRYPT, encrypt);
    out.put(DECRYPT, new SignedPost(trust, signer, crypto + "decrypt", decryptBody, false));
    out.put(
        GENERATE_DEK,
        new SignedPost(trust, signer, crypto + "generateDataEncryptionKey", generateBody, false));
    out.put(
        DECRYPT_FRESH_SIGNATURE,
        new SignedPost(trust, signer, crypto + "decrypt", decryptBody, true));
    return out;
  }
}
