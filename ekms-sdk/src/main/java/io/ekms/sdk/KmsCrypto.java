package io.ekms.sdk;

import io.ekms.common.secret.SecretBytes;
import io.ekms.sdk.model.DecryptedData;
import io.ekms.sdk.model.EncryptedData;
import io.ekms.sdk.model.GeneratedKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encrypt, decrypt and generateDataEncryptionKey with the keys of one vault, at its crypto
 * endpoint. Each call is a live call to the EKM behind the KMS. {@code associatedData} is bound to
 * the ciphertext: decrypt needs the same map. Obtained from {@link KmsClient#crypto(String)};
 * thread-safe.
 */
public final class KmsCrypto {
  /** The most plaintext encrypt takes. */
  public static final int MAX_PLAINTEXT = 4096;

  private final KmsClient client;
  private final String base;

  KmsCrypto(KmsClient client, String base) {
    this.client = client;
    this.base = base;
  }

  private record Encrypt(
      String keyId,
      String plaintext,
      Map<String, String> associatedData,
      String encryptionAlgorithm) {
    @Override
    public String toString() {
      return "Encrypt[" + keyId + "]";
    }
  }

  private record Decrypt(String keyId, String ciphertext, Map<String, String> associatedData) {}

  private record Shape(String algorithm, int length) {}

  private record Generate(
      String keyId,
      Shape keyShape,
      boolean includePlaintextKey,
      Map<String, String> associatedData) {}

  private record Decrypted(String plaintext, String keyId, String keyVersionId) {}

  private record Generated(String ciphertext, String plaintext) {}

  /** Encrypts 1 to 4096 bytes under the key's current version. */
  public EncryptedData encrypt(String keyId, byte[] plaintext, Map<String, String> associatedData) {
    String b64 = Base64.getEncoder().encodeToString(plaintext);
    return client
        .post(base + "/encrypt", new Encrypt(keyId, b64, aad(associatedData), "AES_256_GCM"))
        .as(EncryptedData.class);
  }

  /** Decrypts a KMS ciphertext (Base64); the caller closes the result. */
  public DecryptedData decrypt(
      String keyId, String ciphertext, Map<String, String> associatedData) {
    Decrypted d =
        client
            .post(base + "/decrypt", new Decrypt(keyId, ciphertext, aad(associatedData)))
            .as(Decrypted.class);
    return new DecryptedData(secret(d.plaintext()), d.keyId(), d.keyVersionId());
  }

  /**
   * A new AES data key of {@code lengthBytes} (16, 24 or 32), wrapped under {@code keyId}; the
   * plaintext key too when {@code includePlaintextKey}. The caller closes the result.
   */
  public GeneratedKey generateDataEncryptionKey(
      String keyId,
      int lengthBytes,
      boolean includePlaintextKey,
      Map<String, String> associatedData) {
    Generated g =
        client
            .post(
                base + "/generateDataEncryptionKey",
                new Generate(
                    keyId, new Shape("AES", lengthBytes), includePlaintextKey, aad(associatedData)))
            .as(Generated.class);
    return new GeneratedKey(g.ciphertext(), g.plaintext() == null ? null : secret(g.plaintext()));
  }

  private static Map<String, String> aad(Map<String, String> associatedData) {
    return associatedData == null || associatedData.isEmpty()
        ? null
        : new LinkedHashMap<>(associatedData);
  }

  private static SecretBytes secret(String b64) {
    try {
      return SecretBytes.adopt(Base64.getDecoder().decode(b64));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new KmsException(
          200, "MalformedAnswer", "The KMS answer holds no valid plaintext.", null, e);
    }
  }
}
