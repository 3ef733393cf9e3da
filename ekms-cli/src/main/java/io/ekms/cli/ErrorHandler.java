package io.ekms.cli;

import io.ekms.common.config.Misconfiguration;
import io.ekms.ekm.backup.BackupRefusedException;
import io.ekms.sdk.envelope.InvalidEnvelopeException;
import picocli.CommandLine;

/**
 * Turns failures into one sentence on stderr and an exit code scripts can trust (the README's CLI
 * section lists them): 2 for usage and configuration, 3 when a server refused the call (4xx), 4
 * when it could not be reached or failed (5xx), 5 when data failed authentication (an envelope, a
 * backup file or its key shares), 1 for anything else; a refused backup or restore that is not
 * about authenticity is 2.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  static final int FAILURE = 1;
  static final int CONFIG = 2;
  static final int REMOTE = 3;
  static final int UNAVAILABLE = 4;
  static final int NOT_AUTHENTIC = 5;

  @Override
  public int handleExecutionException(
      Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
    String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    if (e instanceof java.net.ConnectException) {
      message = "cannot connect to the server (is it running, and is the URL right?)";
    }
    cli.getErr().println("ekms: " + message);
    cli.getErr().flush();
    if (e instanceof Misconfiguration || e instanceof IllegalArgumentException) {
      return CONFIG;
    }
    if (e instanceof CliRemoteException remote) {
      return remote.unavailable() ? UNAVAILABLE : REMOTE;
    }
    if (e instanceof java.net.ConnectException) {
      return UNAVAILABLE;
    }
    if (e instanceof InvalidEnvelopeException) {
      return NOT_AUTHENTIC;
    }
    if (e instanceof BackupRefusedException refused) {
      return refused.notAuthentic() ? NOT_AUTHENTIC : CONFIG;
    }
    return FAILURE;
  }
}
