package io.ekms.kms.auth;

import java.util.Objects;

/**
 * The authenticated caller of one request: the user whose registered key verified its signature,
 * that user's tenancy, and the fingerprint of the key used (for audit).
 */
public record Principal(String tenancyId, String userId, String keyFingerprint) {
  public Principal {
    Objects.requireNonNull(tenancyId, "tenancyId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(keyFingerprint, "keyFingerprint");
  }
}
