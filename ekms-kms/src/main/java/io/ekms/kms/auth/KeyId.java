package io.ekms.kms.auth;

import io.ekms.kms.auth.NotAuthenticatedException.Reason;
import io.ekms.kms.domain.Ocids;

/**
 * The {@code keyId} of an OCI API-key signature: {@code <tenancyId>/<userId>/<fingerprint>}, each
 * part checked for shape, so look-ups only ever see well-formed ids.
 */
public record KeyId(String tenancyId, String userId, String fingerprint) {
  public KeyId {
    if (!Ocids.isTenancy(tenancyId)
        || !Ocids.isUser(userId)
        || !PublicKeys.isFingerprint(fingerprint)) {
      throw new IllegalArgumentException("not a tenancy id, user id and key fingerprint");
    }
  }

  /** Parses a keyId; a malformed one is a {@link Reason#MALFORMED} refusal. */
  static KeyId parse(String keyId) {
    String[] parts = keyId.split("/", -1);
    if (parts.length != 3) {
      throw malformed();
    }
    try {
      return new KeyId(parts[0], parts[1], parts[2]);
    } catch (IllegalArgumentException e) {
      throw malformed();
    }
  }

  private static NotAuthenticatedException malformed() {
    return new NotAuthenticatedException(
        Reason.MALFORMED, "The signature's keyId must be <tenancyId>/<userId>/<fingerprint>.");
  }

  @Override
  public String toString() {
    return tenancyId + "/" + userId + "/" + fingerprint;
  }
}
