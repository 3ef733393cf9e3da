package io.ekms.cli;

import io.ekms.core.config.Misconfiguration;
import picocli.CommandLine;

/**
 * Turns failures into one sentence on stderr and an exit code scripts can trust: 2 for usage and
 * configuration, 3 for a refused remote call, 1 for anything else.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  static final int CONFIG = 2;
  static final int REMOTE = 3;

  @Override
  public int handleExecutionException(
      Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
    String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    if (e instanceof java.net.ConnectException) {
      message = "cannot connect to the server (is it running, and is the URL right?)";
    }
    cli.getErr().println("ekms: " + message);
    if (e instanceof Misconfiguration || e instanceof IllegalArgumentException) {
      return CONFIG;
    }
    if (e instanceof CliRemoteException) {
      return REMOTE;
    }
    return 1;
  }
}
