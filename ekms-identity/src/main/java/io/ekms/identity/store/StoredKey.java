package io.ekms.identity.store;

import io.ekms.identity.domain.SigningKeyInfo;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of {@code identity_signing_keys}.
 *
 * @param kid the key id
 * @param publicJwk the public JWK as JSON (never a private part)
 * @param sealedPrivate the sealed private key (see {@code keys.KeySealer}); {@code null} once the
 *     key no longer signs
 * @param createdAt when the key was generated
 * @param supersededAt when a newer key took over; {@code null} for the current key
 * @param retireAt when the key leaves the JWKS; {@code null} for the current key
 * @param maxLifetimeSeconds the longest token lifetime this key has signed with
 */
public record StoredKey(
    String kid,
    String publicJwk,
    String sealedPrivate,
    Instant createdAt,
    Instant supersededAt,
    Instant retireAt,
    int maxLifetimeSeconds) {
  public StoredKey {
    Objects.requireNonNull(kid, "kid");
    Objects.requireNonNull(publicJwk, "publicJwk");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  public SigningKeyInfo info() {
    return new SigningKeyInfo(kid, createdAt, supersededAt, retireAt);
  }

  @Override
  public String toString() {
    return "StoredKey[" + kid + ", supersededAt=" + supersededAt + "]";
  }
}
