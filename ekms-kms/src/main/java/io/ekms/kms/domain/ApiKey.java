package io.ekms.kms.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A public key registered for a user, named by its fingerprint (OCI's: the MD5 of the key's DER
 * SubjectPublicKeyInfo as colon-separated lower-case hex); {@code publicKeyPem} is the canonical
 * PEM. A user may hold several.
 */
public record ApiKey(String userId, String fingerprint, String publicKeyPem, Instant createdAt) {
  private static final Pattern FINGERPRINT = Pattern.compile("([0-9a-f]{2}:){15}[0-9a-f]{2}");

  public ApiKey {
    if (!Ocids.isUser(userId)) {
      throw new IllegalArgumentException("the user id must be an ocid1.user OCID");
    }
    if (!isFingerprint(fingerprint)) {
      throw new IllegalArgumentException("the fingerprint must be 16 hex pairs joined by colons");
    }
    Objects.requireNonNull(publicKeyPem, "publicKeyPem");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** True when {@code s} has the shape of a fingerprint (16 lower-case hex pairs, colons). */
  public static boolean isFingerprint(String s) {
    return s != null && s.length() == 47 && FINGERPRINT.matcher(s).matches();
  }
}
