package io.ekms.common.config;

/** Start-up configuration is wrong; the message is one sentence that says what to fix. */
public final class Misconfiguration extends RuntimeException {
  public Misconfiguration(String message) {
    super("Misconfiguration: " + message, null, false, false);
  }

  public Misconfiguration(String message, Throwable cause) {
    super("Misconfiguration: " + message, cause, false, true);
  }
}
