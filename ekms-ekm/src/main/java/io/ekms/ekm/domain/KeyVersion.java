package io.ekms.ekm.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of a key. {@code handle} names the material inside its backend (null once destroyed);
 * {@code number} counts from 1 per key.
 */
public record KeyVersion(
    String id,
    String keyId,
    int number,
    KeyVersionState state,
    KeyHandle handle,
    Instant createdAt,
    Instant updatedAt) {
  public KeyVersion {
    Objects.requireNonNull(id);
    Objects.requireNonNull(keyId);
    if (number < 1) {
      throw new IllegalArgumentException("version numbers start at 1");
    }
    Objects.requireNonNull(state);
    if ((handle == null) != (state == KeyVersionState.DESTROYED)) {
      throw new IllegalArgumentException("only a destroyed version has no key handle");
    }
  }

  public KeyVersion withState(KeyVersionState next, Instant now) {
    KeyHandle kept = next == KeyVersionState.DESTROYED ? null : handle;
    return new KeyVersion(id, keyId, number, next, kept, createdAt, now);
  }
}
