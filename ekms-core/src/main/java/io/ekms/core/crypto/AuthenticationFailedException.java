package io.ekms.core.crypto;

/**
 * A ciphertext, IV, tag or associated data did not authenticate. Every cause (tampering, wrong key,
 * wrong version, wrong AAD) carries the same message so that callers learn nothing more.
 */
public final class AuthenticationFailedException extends Exception {
  public static final String MESSAGE = "The ciphertext could not be authenticated.";

  public AuthenticationFailedException() {
    super(MESSAGE, null, false, false);
  }
}
