package io.ekms.cli;

import io.ekms.core.config.ConfigLoader;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.ekm.server.EkmInit;
import io.ekms.ekm.server.EkmServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ekms ekm serve}: runs the EKM until interrupted, initialising a new data directory. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Run the EKM (EKM API and admin API over HTTPS). With no config file every"
            + " setting has a default under --data-dir, which is initialised on first use.")
final class EkmServeCommand implements Callable<Integer> {
  @Option(names = "--config", description = "YAML config file (see docs/ekm-config.md).")
  Path config;

  @Option(
      names = "--data-dir",
      description = "Data directory (default: the config file's dataDir, else ekms-data/ekm).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    EkmConfig cfg = load(config, dataDir);
    Map<String, String> env = System.getenv();
    EkmInit.Result init = EkmInit.run(cfg, env);
    if (init.created()) {
      System.err.println(
          "Initialised "
              + init.dataDir()
              + "; the admin token is in "
              + init.adminTokenFile()
              + " (keep it secret).");
    }
    try (EkmServer server = EkmServer.start(cfg, env)) {
      System.err.printf(
          "EKM API   https://%s:%d/oci/ekm/v1/vaults/{vaultId}%n",
          cfg.api().host(), server.apiPort());
      System.err.printf(
          "Admin API https://%s:%d/admin/v1 (CA: %s)%n",
          cfg.admin().host(), server.adminPort(), init.caCertificate());
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      stop.await();
    }
    return 0;
  }

  static EkmConfig load(Path config, Path dataDir) {
    Map<String, String> env = new java.util.HashMap<>(System.getenv());
    if (dataDir != null) {
      env.putIfAbsent("EKMS_EKM_DATA_DIR", dataDir.toString());
    } else if (config == null) {
      env.putIfAbsent("EKMS_EKM_DATA_DIR", "ekms-data/ekm");
    }
    return ConfigLoader.load(config, EkmConfig.class, "EKMS_EKM", env);
  }
}
