package io.ekms.sdk.model;

import io.ekms.common.secret.Redacted;
import io.ekms.common.secret.SecretBytes;

/**
 * What {@code decrypt} returns: the plaintext, which the caller closes when done, and the key and
 * version that answered.
 */
public record DecryptedData(SecretBytes plaintext, String keyId, String keyVersionId)
    implements AutoCloseable {
  @Override
  public String toString() {
    return Redacted.toString(this);
  }

  /** Wipes the plaintext. */
  @Override
  public void close() {
    plaintext.close();
  }
}
