package io.ekms.cli.quickstart;

/** A quickstart step that did not behave as expected; the message is one sentence for the user. */
final class QuickstartException extends RuntimeException {
  QuickstartException(String message) {
    super(message);
  }

  QuickstartException(String message, Throwable cause) {
    super(message, cause);
  }
}
