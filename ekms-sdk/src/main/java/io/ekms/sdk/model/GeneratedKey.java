package io.ekms.sdk.model;

import io.ekms.common.secret.Redacted;
import io.ekms.common.secret.SecretBytes;

/**
 * What {@code generateDataEncryptionKey} returns: the wrapped key (KMS ciphertext, Base64) and,
 * when asked for, the plaintext key, which the caller closes when done.
 */
public record GeneratedKey(String ciphertext, SecretBytes plaintext) implements AutoCloseable {
  @Override
  public String toString() {
    return Redacted.toString(this);
  }

  /** Wipes the plaintext key, if any. */
  @Override
  public void close() {
    if (plaintext != null) {
      plaintext.close();
    }
  }
}
