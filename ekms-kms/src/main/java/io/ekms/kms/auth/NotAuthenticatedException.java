package io.ekms.kms.auth;

/**
 * A request's signature was refused. Every {@link Reason} answers HTTP 401 {@code NotAuthenticated}
 * (the KMS's error mapper says so). Messages are fixed sentences that name at most a header; they
 * never contain the signature, a header value or the body. An unknown key and a bad signature share
 * one message, so callers cannot probe which keys are registered; the reason still tells them apart
 * in logs. No stack trace is captured: refusals are expected on the hot path.
 */
public final class NotAuthenticatedException extends RuntimeException {
  /** Why a request was refused. */
  public enum Reason {
    /** No {@code Authorization} header. */
    MISSING,
    /**
     * The {@code Authorization} header does not parse (syntax, size, duplicated or unknown
     * parameters, bad keyId), a signed header is repeated or unreadable, or the method or path is
     * not usable.
     */
    MALFORMED,
    /** The algorithm is not {@code rsa-sha256}. */
    UNSUPPORTED_ALGORITHM,
    /** A header the KMS requires is not signed, or a signed header is absent from the request. */
    MISSING_SIGNED_HEADER,
    /** No registered key matches the keyId's tenancy, user and fingerprint. */
    UNKNOWN_KEY,
    /** The signature does not verify with the registered key. */
    BAD_SIGNATURE,
    /** {@code x-content-sha256} is not the Base64 SHA-256 of the body. */
    BODY_HASH_MISMATCH,
    /** {@code content-length} is not the length of the body. */
    CONTENT_LENGTH_MISMATCH,
    /**
     * The signed date is more than {@link RequestVerifier#MAX_CLOCK_SKEW} from the server clock.
     */
    CLOCK_SKEW
  }

  private final Reason reason;

  public NotAuthenticatedException(Reason reason, String message) {
    this(reason, message, null);
  }

  public NotAuthenticatedException(Reason reason, String message, Throwable cause) {
    super(message, cause, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
