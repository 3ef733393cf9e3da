package io.ekms.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ekms} command. */
@Command(
    name = "ekms",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "External Key Management Service: KMS, external key manager and tools.",
    subcommands = {
      io.ekms.cli.quickstart.QuickstartCommand.class,
      EkmCommand.class,
      KmsCommand.class,
      IdentityCommand.class,
      StatusCommand.class,
      CryptoCommands.class,
      EnvelopeCommands.class,
      BenchCommand.class,
      io.ekms.cli.conformance.ConformanceCommand.class
    })
public final class Main {
  public static void main(String[] args) {
    configureLogging();
    System.exit(commandLine().execute(args));
  }

  /** Loads the bundled JUL settings unless the user points at their own file. */
  private static void configureLogging() {
    if (System.getProperty("java.util.logging.config.file") != null) {
      return;
    }
    try (var in = Main.class.getResourceAsStream("/logging.properties")) {
      if (in != null) {
        java.util.logging.LogManager.getLogManager().readConfiguration(in);
      }
    } catch (java.io.IOException e) {
      System.err.println("ekms: cannot read the bundled logging settings (" + e + ")");
    }
  }

  /** The configured command line, shared by {@link #main} and tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"ekms " + io.ekms.core.http.BuildInfo.version()};
    }
  }
}
