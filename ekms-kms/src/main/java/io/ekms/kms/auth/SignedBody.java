package io.ekms.kms.auth;

import io.ekms.kms.auth.NotAuthenticatedException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Binds the body to a verified signature: the signed {@code content-length} must be the body's
 * length and the signed {@code x-content-sha256} the Base64 (standard alphabet, padded) SHA-256 of
 * its bytes. Runs after the signature verified, so the headers it compares are the signer's.
 */
final class SignedBody {
  private static final Pattern LENGTH = Pattern.compile("[0-9]{1,18}");

  private SignedBody() {}

  /**
   * {@code values} are the signed header values by lower-case name; absent ones are not checked.
   */
  static void check(Map<String, String> values, byte[] body) {
    String length = values.get("content-length");
    if (length != null) {
      if (!LENGTH.matcher(length).matches()) {
        throw new NotAuthenticatedException(
            Reason.MALFORMED, "The signed content-length is not a number.");
      }
      if (Long.parseLong(length) != body.length) {
        throw new NotAuthenticatedException(
            Reason.CONTENT_LENGTH_MISMATCH, "The signed content-length is not the body's length.");
      }
    }
    String hash = values.get("x-content-sha256");
    if (hash != null) {
      byte[] expected = Base64.getEncoder().encode(sha256(body));
      if (!MessageDigest.isEqual(expected, hash.getBytes(StandardCharsets.US_ASCII))) {
        throw new NotAuthenticatedException(
            Reason.BODY_HASH_MISMATCH, "The signed x-content-sha256 is not the body's SHA-256.");
      }
    }
  }

  private static byte[] sha256(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }
}
