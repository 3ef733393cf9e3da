package io.ekms.cli;

import io.ekms.core.admin.FirstAdministrator;
import io.ekms.kms.server.KmsConfig;
import io.ekms.kms.server.KmsInit;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ekms kms init}: prepares a KMS data directory (TLS, master key, admin token). */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description =
        "Create the KMS's data directory: local CA and TLS certificate, master key file"
            + " (0600) that seals vault client secrets, database, and the admin token (admin.token).")
final class KmsInitCommand implements Callable<Integer> {
  @Option(names = "--config")
  Path config;

  @Option(
      names = "--data-dir",
      description = "Data directory (default: the config file's dataDir, else ekms-data/kms).")
  Path dataDir;

  @Option(
      names = "--administrator",
      paramLabel = "NAME",
      description =
          "For a developer's machine: enroll NAME at once, holding every role, and write its token"
              + " instead of the bootstrap token. Left out, admin.token holds a bootstrap token that"
              + " can only enroll the first security officer ('ekms kms admin create').")
  String administrator;

  private FirstAdministrator first() {
    return administrator == null ? null : FirstAdministrator.allRoles(administrator);
  }

  @Override
  public Integer call() throws Exception {
    KmsConfig cfg = KmsServeCommand.load(config, dataDir);
    KmsInit.Result result = KmsInit.run(cfg, System.getenv(), null, first());
    System.out.println(
        (result.created() ? "Initialised " : "Already initialised: ") + result.dataDir());
    System.out.println("CA certificate: " + result.caCertificate());
    if (administrator == null) {
      System.out.println("Bootstrap token file (0600): " + result.adminTokenFile());
      System.out.println(
          "Enroll the first security officer: ekms kms admin create --name NAME"
              + " --role security-officer --token-file "
              + result.adminTokenFile());
    } else {
      System.out.println(
          "Admin token of '" + administrator + "' (0600): " + result.adminTokenFile());
    }
    return 0;
  }
}
