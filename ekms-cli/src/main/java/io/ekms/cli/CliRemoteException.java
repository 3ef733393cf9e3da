package io.ekms.cli;

/**
 * A server refused a CLI call (it answered 4xx), or could not serve it ({@link #unavailable()}: no
 * answer, TLS failure, or 5xx). The message is one sentence for the user.
 */
final class CliRemoteException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean unavailable;

  /** A refusal. */
  CliRemoteException(String message) {
    this(message, false);
  }

  CliRemoteException(String message, boolean unavailable) {
    super(message, null, false, false);
    this.unavailable = unavailable;
  }

  /** True when the server did not answer or failed (5xx), false when it refused (4xx). */
  boolean unavailable() {
    return unavailable;
  }
}
