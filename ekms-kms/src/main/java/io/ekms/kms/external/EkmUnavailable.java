package io.ekms.kms.external;

/**
 * The EKM gave no usable answer. The operation may or may not have run in the EKM (except for
 * {@link Unreachable} caused by a failed connection, and {@link TlsNotTrusted}, where no request
 * was sent). The KMS answers a {@link TimedOut} EKM 503 ServiceUnavailable, a {@link Busy} one 429
 * TooManyRequests or 503 ServiceUnavailable as the EKM did (each with a Retry-After, so callers
 * back off), and every other variant 409 ExternalServerIncorrectState, each with its {@link
 * #publicMessage()}.
 */
public abstract sealed class EkmUnavailable extends EkmException {
  EkmUnavailable(String message, String publicMessage, String remoteCode, Throwable cause) {
    super(message, publicMessage, remoteCode, cause);
  }

  /**
   * The KMS's egress policy refuses the EKM's address now (its name resolves somewhere refused, or
   * the policy changed since the vault was created); nothing was sent.
   */
  public static final class NotAllowed extends EkmUnavailable {
    public NotAllowed(String message, String publicMessage, Throwable cause) {
      super(message, publicMessage, null, cause);
    }
  }

  /** No connection could be made (refused, no route, connect timeout), or it broke mid-call. */
  public static final class Unreachable extends EkmUnavailable {
    public Unreachable(String message, String publicMessage, Throwable cause) {
      super(message, publicMessage, null, cause);
    }
  }

  /** The EKM did not answer completely within the read timeout. */
  public static final class TimedOut extends EkmUnavailable {
    public TimedOut(String message, String publicMessage, Throwable cause) {
      super(message, publicMessage, null, cause);
    }
  }

  /**
   * The TLS handshake failed: the EKM's certificate is not trusted by the private endpoint's CA
   * bundle, does not name the host, or the handshake itself failed.
   */
  public static final class TlsNotTrusted extends EkmUnavailable {
    public TlsNotTrusted(String message, String publicMessage, Throwable cause) {
      super(message, publicMessage, null, cause);
    }
  }

  /**
   * The EKM said it cannot serve now and may later: 429 (it is rate limiting the vault) or 503 (its
   * key backend or audit is unavailable), with the Retry-After it sent (0: none).
   */
  public static final class Busy extends EkmUnavailable {
    private final int status;
    private final long retryAfterSeconds;

    public Busy(
        String message,
        String publicMessage,
        String remoteCode,
        int status,
        long retryAfterSeconds) {
      super(message, publicMessage, remoteCode, null);
      this.status = status;
      this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429 or 503. */
    public int status() {
      return status;
    }

    /** The EKM's Retry-After in seconds, or 0 when it sent none. */
    public long retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  /** The EKM answered a server error (5xx other than 503). */
  public static final class ServerError extends EkmUnavailable {
    public ServerError(String message, String publicMessage, String remoteCode) {
      super(message, publicMessage, remoteCode, null);
    }
  }

  /**
   * The answer cannot be trusted: an unexpected status, a body that is not the documented JSON,
   * missing fields, bad Base64, a wrong IV or tag length, or ids other than those asked for.
   */
  public static final class MalformedAnswer extends EkmUnavailable {
    public MalformedAnswer(String message, String publicMessage, Throwable cause) {
      super(message, publicMessage, null, cause);
    }
  }
}
