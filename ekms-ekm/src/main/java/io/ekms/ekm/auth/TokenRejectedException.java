package io.ekms.ekm.auth;

import io.ekms.core.error.ErrorCode;

/**
 * A bearer token was refused. Every {@link Reason} answers HTTP 401; the reason tells callers and
 * logs why. Messages are short fixed sentences that never contain the token or any claim value. No
 * stack trace is captured: rejections are expected on the hot path and the trace says nothing.
 */
public final class TokenRejectedException extends RuntimeException {
  /** Why a token was refused; {@link #code()} is stable and may be logged or sent. */
  public enum Reason implements ErrorCode {
    /** No {@code Authorization: Bearer} header, or an empty token. */
    MISSING_TOKEN,
    /** Not a compact JWS, oversized, unparseable, or a required claim is missing or mistyped. */
    MALFORMED,
    /** Unsigned ({@code none}), HMAC, or any algorithm other than RS256 and ES256. */
    ALG_NOT_ALLOWED,
    /** The {@code iss} claim names no trusted issuer. */
    UNKNOWN_ISSUER,
    /** The issuer publishes no usable key with the token's {@code kid}. */
    UNKNOWN_KEY,
    /** The signature does not verify with the issuer's key. */
    BAD_SIGNATURE,
    /** {@code exp} is past, beyond the allowed clock skew. */
    EXPIRED,
    /** {@code nbf} or {@code iat} is in the future, beyond the allowed clock skew. */
    NOT_YET_VALID,
    /** {@code aud} does not contain this EKM's audience. */
    WRONG_AUDIENCE,
    /** The token's scopes do not include {@code oci_ekms}. */
    MISSING_SCOPE,
    /**
     * The issuer's discovery document or JWKS cannot be fetched or is invalid: an operational
     * problem on the issuer side (or in its configuration), not a forged token.
     */
    ISSUER_UNAVAILABLE;

    @Override
    public String code() {
      return name();
    }

    @Override
    public int status() {
      return 401;
    }
  }

  private final Reason reason;

  public TokenRejectedException(Reason reason, String message) {
    this(reason, message, null);
  }

  public TokenRejectedException(Reason reason, String message, Throwable cause) {
    super(message, cause, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** The HTTP status to answer with: always 401. */
  public int status() {
    return reason.status();
  }
}
