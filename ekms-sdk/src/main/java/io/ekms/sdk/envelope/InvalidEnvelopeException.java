package io.ekms.sdk.envelope;

/**
 * The bytes are not a valid envelope: malformed, truncated, reordered, tampered with, or not
 * authentic under the data key the KMS unwrapped. It is the one failure every integrity check
 * raises; the message says which kind of problem was found but never echoes secret material.
 *
 * <p>Plaintext already written to the output before this exception belongs to frames that did
 * authenticate, but the message as a whole did not: discard it.
 */
public final class InvalidEnvelopeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The message for every authentication failure, whatever its cause. */
  static final String NOT_AUTHENTIC =
      "The envelope failed authentication: it was tampered with, reordered, or cut short.";

  /** A failure with the given reason. */
  public InvalidEnvelopeException(String message) {
    super(message);
  }

  /** A failure with the given reason and the lower-level cause. */
  public InvalidEnvelopeException(String message, Throwable cause) {
    super(message, cause);
  }

  static InvalidEnvelopeException notAuthentic() {
    return new InvalidEnvelopeException(NOT_AUTHENTIC);
  }

  static InvalidEnvelopeException truncated() {
    return new InvalidEnvelopeException("The envelope is truncated.");
  }
}
