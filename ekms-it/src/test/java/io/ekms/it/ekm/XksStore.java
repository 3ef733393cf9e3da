package io.ekms.it.ekm;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An XKS key store of a stack's EKM under prefix {@code aws/ks1}, with two live credentials and the
 * vault's key exposed four times, once per usage, made through the admin API; and the XKS calls the
 * tests make, signed by curl ({@link XksCurl}).
 */
final class XksStore {
  static final String PREFIX = "aws/ks1";
  static final String BASE = "/" + PREFIX + "/kms/xks/v1";
  static final String AKID1 = "AKIAEKMSXKSTESTONE234";
  static final String SECRET1 = "c2VjcmV0LW9uZS1mb3ItdGhlLXhrcy1wcm94eS10ZXN0cw==";
  static final String AKID2 = "AKIAEKMSXKSTESTTWO567";
  static final String SECRET2 = "c2VjcmV0LXR3by1mb3ItdGhlLXhrcy1wcm94eS10ZXN0cw==";

  final EkmVault ekm;
  final String storeId;
  XksCurl xks;

  XksStore(EkmVault ekm) {
    this.ekm = ekm;
    storeId = createStore("ks1", PREFIX, 0);
    addCredential(storeId, AKID1, SECRET1);
    addCredential(storeId, AKID2, SECRET2);
    expose(storeId, "full", ekm.keyId, "ENCRYPT_DECRYPT");
    expose(storeId, "enc-only", ekm.keyId, "ENCRYPT_ONLY");
    expose(storeId, "dec-only", ekm.keyId, "DECRYPT_ONLY");
    expose(storeId, "none", ekm.keyId, "NONE");
    connect();
  }

  /** Connects to the EKM's XKS listener, passing {@code curlOptions} to every call. */
  void connect(String... curlOptions) {
    xks =
        new XksCurl(
            "https://127.0.0.1:" + ekm.stack.ekm().xksPort(), ekm.stack.caFile(), curlOptions);
  }

  String createStore(String name, String prefix, int rate) {
    return ekm.admin().createXksStore(name, prefix, rate);
  }

  void addCredential(String store, String akid, String secret) {
    ekm.admin().addXksCredential(store, akid, secret);
  }

  void expose(String store, String externalId, String keyId, String usage) {
    ekm.admin().putXksKey(store, externalId, ekm.vaultId, keyId, usage);
  }

  static Map<String, Object> metadata() {
    return Map.of(
        "kmsRequestId", "2a6f1b2c-0d4e-4f5a-8b6c-7d8e9f0a1b2c",
        "kmsOperation", "Encrypt",
        "awsPrincipalArn", "arn:aws:iam::123456789012:user/Alice",
        "kmsKeyArn", "arn:aws:kms:us-east-1:123456789012:key/abc",
        "someFutureField", List.of(1, 2));
  }

  static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  static String b64(String s) {
    return b64(s.getBytes(StandardCharsets.UTF_8));
  }

  XksCurl.Answer encrypt(String keyId, byte[] plaintext, byte[] aad, boolean cdiv)
      throws Exception {
    Map<String, Object> body = new HashMap<>();
    body.put("requestMetadata", metadata());
    body.put("plaintext", b64(plaintext));
    body.put("encryptionAlgorithm", "AES_GCM");
    if (aad != null) {
      body.put("additionalAuthenticatedData", b64(aad));
    }
    if (cdiv) {
      body.put("ciphertextDataIntegrityValueAlgorithm", "SHA_256");
    }
    return xks.post(BASE + "/keys/" + keyId + "/encrypt", AKID1, SECRET1, body);
  }

  XksCurl.Answer decrypt(String keyId, JsonNode ct, byte[] aad, String akid, String secret)
      throws Exception {
    Map<String, Object> body = new HashMap<>();
    body.put("requestMetadata", metadata());
    body.put("encryptionAlgorithm", "AES_GCM");
    for (String f :
        List.of("ciphertext", "initializationVector", "authenticationTag", "ciphertextMetadata")) {
      if (ct.hasNonNull(f)) {
        body.put(f, ct.path(f).asText());
      }
    }
    if (aad != null) {
      body.put("additionalAuthenticatedData", b64(aad));
    }
    return xks.post(BASE + "/keys/" + keyId + "/decrypt", akid, secret, body);
  }
}
