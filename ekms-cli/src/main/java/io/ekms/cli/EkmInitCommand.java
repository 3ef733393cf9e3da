package io.ekms.cli;

import io.ekms.core.admin.FirstAdministrator;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.ekm.server.EkmInit;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ekms ekm init}: prepares a data directory (TLS, master key, admin token). */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description =
        "Create the EKM's data directory: local CA and TLS certificate, master key"
            + " file (0600), database, and the admin token (printed once, kept in admin.token).")
final class EkmInitCommand implements Callable<Integer> {
  @Option(names = "--config")
  Path config;

  @Option(
      names = "--data-dir",
      description = "Data directory (default: the config file's dataDir, else ekms-data/ekm).")
  Path dataDir;

  @Option(
      names = "--administrator",
      paramLabel = "NAME",
      description =
          "For a developer's machine: enroll NAME at once, holding every role, and write its token"
              + " instead of the bootstrap token. Left out, admin.token holds a bootstrap token that"
              + " can only enroll the first security officer ('ekms ekm admin create').")
  String administrator;

  private FirstAdministrator first() {
    return administrator == null ? null : FirstAdministrator.allRoles(administrator);
  }

  @Override
  public Integer call() throws Exception {
    EkmConfig cfg = EkmServeCommand.load(config, dataDir);
    EkmInit.Result result = EkmInit.run(cfg, System.getenv(), first());
    if (!result.created()) {
      System.err.println(result.dataDir() + " is already initialised.");
      return 0;
    }
    System.out.println("Initialised " + result.dataDir());
    System.out.println("CA certificate: " + result.caCertificate());
    if (administrator == null) {
      System.out.println("Bootstrap token file (0600): " + result.adminTokenFile());
      System.out.println(
          "Enroll the first security officer: ekms ekm admin create --name NAME"
              + " --role security-officer --token-file "
              + result.adminTokenFile());
    } else {
      System.out.println(
          "Admin token of '" + administrator + "' (0600): " + result.adminTokenFile());
    }
    return 0;
  }
}
