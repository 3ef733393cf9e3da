package io.ekms.core.error;

import java.util.OptionalLong;

/**
 * An error meant for the caller: a stable code, its HTTP status, and a message that names what to
 * fix, and for a refusal that a later retry may pass (429), how many seconds to wait ({@code
 * Retry-After}). Messages never contain secrets; the cause, if any, is logged and never sent.
 */
public final class ApiException extends RuntimeException {
  private final transient ErrorCode errorCode;
  private final long retryAfterSeconds;

  public ApiException(ErrorCode errorCode, String message) {
    this(errorCode, message, null);
  }

  public ApiException(ErrorCode errorCode, String message, Throwable cause) {
    this(errorCode, message, cause, 0);
  }

  private ApiException(ErrorCode errorCode, String message, Throwable cause, long retryAfter) {
    super(message, cause, false, true);
    this.errorCode = errorCode;
    this.retryAfterSeconds = retryAfter;
  }

  /** The same error, telling the caller to retry after {@code seconds} (at least 1). */
  public ApiException retryAfter(long seconds) {
    return new ApiException(errorCode, getMessage(), getCause(), Math.max(1, seconds));
  }

  /** Seconds the caller should wait before retrying, when the error says so. */
  public OptionalLong retryAfterSeconds() {
    return retryAfterSeconds == 0 ? OptionalLong.empty() : OptionalLong.of(retryAfterSeconds);
  }

  public ErrorCode errorCode() {
    return errorCode;
  }

  public int status() {
    return errorCode.status();
  }

  public ErrorBody body() {
    return new ErrorBody(errorCode.code(), getMessage());
  }
}
