package io.ekms.sdk.model;

import io.ekms.common.secret.Redacted;

/** What {@code encrypt} returns: the KMS ciphertext (Base64) and the key version that made it. */
public record EncryptedData(
    String ciphertext, String keyId, String keyVersionId, String encryptionAlgorithm) {
  @Override
  public String toString() {
    return Redacted.toString(this);
  }
}
