package io.ekms.kms.ekmclient;

import io.ekms.core.secret.SecretBytes;

/**
 * The EKM's answer to Decrypt, checked to come from the key and version asked for. The caller owns
 * the plaintext: close the result (or the plaintext) to wipe it. {@link #toString()} never shows
 * the plaintext.
 */
public record DecryptResult(SecretBytes plaintext, String keyId, String keyVersionId)
    implements AutoCloseable {
  public DecryptResult {
    if (plaintext == null) {
      throw new IllegalArgumentException("plaintext is required");
    }
    keyId = Ids.id("keyId", keyId);
    keyVersionId = Ids.id("keyVersionId", keyVersionId);
  }

  /** Wipes the plaintext. */
  @Override
  public void close() {
    plaintext.close();
  }
}
