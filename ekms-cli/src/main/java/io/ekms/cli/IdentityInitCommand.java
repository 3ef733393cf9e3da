package io.ekms.cli;

import io.ekms.identity.server.IdentityConfig;
import io.ekms.identity.server.IdentityInit;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ekms identity init}: prepares a data directory (TLS, master key, signing key, token). */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description =
        "Create the identity server's data directory: local CA and TLS certificate, master key"
            + " file (0600), database with the first RSA signing key, and the admin token (kept"
            + " in admin.token, 0600).")
final class IdentityInitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", description = "YAML config file.")
  Path config;

  @Option(
      names = "--data-dir",
      description = "Data directory (default: the config file's dataDir, else ekms-data/identity).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    IdentityConfig cfg = IdentityServeCommand.load(config, dataDir);
    IdentityInit.Result result = IdentityInit.run(cfg, System.getenv());
    if (!result.created()) {
      spec.commandLine().getErr().println(result.dataDir() + " is already initialised.");
      return 0;
    }
    var out = spec.commandLine().getOut();
    out.println("Initialised " + result.dataDir());
    out.println("CA certificate: " + result.caCertificate());
    out.println("Admin token file (0600): " + result.adminTokenFile());
    out.flush();
    return 0;
  }
}
