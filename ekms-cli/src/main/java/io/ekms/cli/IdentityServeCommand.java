package io.ekms.cli;

import io.ekms.core.config.ConfigLoader;
import io.ekms.identity.server.IdentityConfig;
import io.ekms.identity.server.IdentityInit;
import io.ekms.identity.server.IdentityServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ekms identity serve}: runs the identity server until interrupted. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Run the identity server (token endpoint, JWKS, discovery and admin API over HTTPS)."
            + " With no config file every setting has a default under --data-dir, which is"
            + " initialised on first use.")
final class IdentityServeCommand implements Callable<Integer> {
  @Option(names = "--config", description = "YAML config file (see docs/identity-config.md).")
  Path config;

  @Option(
      names = "--data-dir",
      description = "Data directory (default: the config file's dataDir, else ekms-data/identity).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    IdentityConfig cfg = load(config, dataDir);
    Map<String, String> env = System.getenv();
    IdentityInit.Result init = IdentityInit.run(cfg, env);
    if (init.created()) {
      System.err.println(
          "Initialised "
              + init.dataDir()
              + "; the admin token is in "
              + init.adminTokenFile()
              + " (keep it secret).");
    }
    try (IdentityServer server = IdentityServer.start(cfg, env)) {
      System.err.printf("Issuer    %s (CA: %s)%n", server.issuer(), init.caCertificate());
      System.err.printf("Token     %s/oauth2/v1/token%n", server.issuer());
      System.err.printf(
          "Admin API https://%s:%d/admin/v1/identity%n", cfg.admin().host(), server.adminPort());
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      stop.await();
    }
    return 0;
  }

  static IdentityConfig load(Path config, Path dataDir) {
    Map<String, String> env = new HashMap<>(System.getenv());
    if (dataDir != null) {
      env.putIfAbsent("EKMS_IDENTITY_DATA_DIR", dataDir.toString());
    } else if (config == null) {
      env.putIfAbsent("EKMS_IDENTITY_DATA_DIR", "ekms-data/identity");
    }
    return ConfigLoader.load(config, IdentityConfig.class, "EKMS_IDENTITY", env);
  }
}
