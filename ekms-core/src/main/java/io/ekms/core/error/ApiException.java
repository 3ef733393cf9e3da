package io.ekms.core.error;

/**
 * An error meant for the caller: a stable code, its HTTP status, and a message that names what to
 * fix. Messages never contain secrets; the cause, if any, is logged and never sent.
 */
public final class ApiException extends RuntimeException {
  private final transient ErrorCode errorCode;

  public ApiException(ErrorCode errorCode, String message) {
    this(errorCode, message, null);
  }

  public ApiException(ErrorCode errorCode, String message, Throwable cause) {
    super(message, cause, false, true);
    this.errorCode = errorCode;
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
