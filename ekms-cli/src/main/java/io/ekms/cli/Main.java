package io.ekms.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ekms} command. */
@Command(
    name = "ekms",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "External Key Management Service: KMS, external key manager and tools.",
    subcommands = {EkmCommand.class})
public final class Main {
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new ErrorHandler());
    return cli;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"ekms " + (v == null ? "development build" : v)};
    }
  }
}
