package io.ekms.admin.client;

/**
 * An admin API answered an error: its HTTP status, its stable error code and message (both as the
 * server sent them; the server never puts a secret in either).
 */
public final class AdminException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;

  public AdminException(String server, int status, String code, String message) {
    super(
        "the " + server + " answered " + status + " " + code + ": " + message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** True when the server failed (5xx), so the same call may succeed later; false for a refusal. */
  public boolean retryable() {
    return status >= 500;
  }
}
