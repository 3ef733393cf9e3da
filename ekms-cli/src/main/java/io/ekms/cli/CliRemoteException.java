package io.ekms.cli;

/** A server answered a CLI call with an error; the message holds its code and message. */
final class CliRemoteException extends RuntimeException {
  CliRemoteException(String message) {
    super(message, null, false, false);
  }
}
