package io.ekms.sdk.envelope;

import io.ekms.common.secret.SecretBytes;
import java.util.Objects;

/**
 * A data encryption key as {@code generateDataEncryptionKey} returns it: the plaintext key (32
 * bytes for AES-256), which the caller closes as soon as it is done, and the KMS ciphertext that
 * wraps it, which goes into the envelope header.
 */
public record DataKey(SecretBytes plaintext, byte[] wrapped) implements AutoCloseable {
  /** Checks that both parts are present. */
  public DataKey {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(wrapped, "wrapped");
    wrapped = wrapped.clone();
  }

  @Override
  public byte[] wrapped() {
    return wrapped.clone();
  }

  /** Wipes the plaintext key. */
  @Override
  public void close() {
    plaintext.close();
  }

  @Override
  public String toString() {
    return "DataKey[plaintext=[REDACTED], wrapped=" + wrapped.length + " bytes]";
  }
}
