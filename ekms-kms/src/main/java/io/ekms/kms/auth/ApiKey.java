package io.ekms.kms.auth;

import io.ekms.kms.domain.Ocids;
import java.time.Instant;
import java.util.Objects;

/**
 * A public key registered for a user, named by its fingerprint ({@link PublicKeys#fingerprint});
 * {@code publicKeyPem} is the canonical PEM ({@link PublicKeys#toPem}). A user may hold several.
 */
public record ApiKey(String userId, String fingerprint, String publicKeyPem, Instant createdAt) {
  public ApiKey {
    if (!Ocids.isUser(userId)) {
      throw new IllegalArgumentException("the user id must be an ocid1.user OCID");
    }
    if (!PublicKeys.isFingerprint(fingerprint)) {
      throw new IllegalArgumentException("the fingerprint must be 16 hex pairs joined by colons");
    }
    Objects.requireNonNull(publicKeyPem, "publicKeyPem");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
