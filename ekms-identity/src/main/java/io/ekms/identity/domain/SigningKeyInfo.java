package io.ekms.identity.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What is known publicly about one published signing key.
 *
 * @param kid the key id tokens name in their header
 * @param createdAt when the key was generated
 * @param supersededAt when a newer key took over signing; {@code null} for the current key
 * @param retireAt when the key leaves the JWKS (every token it signed has expired by then, clock
 *     skew included); {@code null} for the current key
 */
public record SigningKeyInfo(
    String kid, Instant createdAt, Instant supersededAt, Instant retireAt) {
  public SigningKeyInfo {
    Objects.requireNonNull(kid, "kid");
    Objects.requireNonNull(createdAt, "createdAt");
    if ((supersededAt == null) != (retireAt == null)) {
      throw new IllegalArgumentException("supersededAt and retireAt are set together");
    }
  }

  /** True for the key that signs new tokens. */
  public boolean current() {
    return supersededAt == null;
  }
}
