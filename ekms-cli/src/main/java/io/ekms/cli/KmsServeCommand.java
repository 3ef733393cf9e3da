package io.ekms.cli;

import io.ekms.core.config.ConfigLoader;
import io.ekms.identity.server.IdentityConfig;
import io.ekms.identity.server.IdentityInit;
import io.ekms.identity.server.IdentityServer;
import io.ekms.kms.server.KmsConfig;
import io.ekms.kms.server.KmsInit;
import io.ekms.kms.server.KmsLauncher;
import io.ekms.kms.server.KmsServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ekms kms serve}: runs the KMS until interrupted, optionally with the identity server in
 * the same process.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Run the KMS (OCI KMS API and admin API over HTTPS). With no config file every"
            + " setting has a default under --data-dir, which is initialised on first use.")
final class KmsServeCommand implements Callable<Integer> {
  @Option(names = "--config", description = "YAML config file (see docs/kms-config.md).")
  Path config;

  @Option(
      names = "--data-dir",
      description = "Data directory (default: the config file's dataDir, else ekms-data/kms).")
  Path dataDir;

  @Option(
      names = "--with-identity",
      description =
          "Also run the identity server in this process (its data under"
              + " --identity-data-dir); the KMS then trusts its CA for token requests.")
  boolean withIdentity;

  @Option(names = "--identity-data-dir", defaultValue = "ekms-data/identity")
  Path identityDataDir;

  @Override
  public Integer call() throws Exception {
    Map<String, String> env = System.getenv();
    KmsConfig cfg = load(config, dataDir);
    IdentityServer identity = null;
    if (withIdentity) {
      IdentityConfig icfg = IdentityServeCommand.load(null, identityDataDir);
      IdentityInit.Result init = IdentityInit.run(icfg, env);
      identity = IdentityServer.start(icfg, env);
      System.err.printf("Identity  %s (CA: %s)%n", identity.issuer(), init.caCertificate());
      cfg = trusting(cfg, init.caCertificate());
    }
    KmsInit.Result init = KmsInit.run(cfg, env, null);
    if (init.created()) {
      System.err.println(
          "Initialised "
              + init.dataDir()
              + "; the admin token is in "
              + init.adminTokenFile()
              + " (keep it secret).");
    }
    try (KmsServer kms = KmsLauncher.start(cfg, env, routing -> {})) {
      System.err.printf("KMS API   %s (CA: %s)%n", kms.baseUrl(), init.caCertificate());
      System.err.printf("Admin API https://%s:%d/admin/v1%n", cfg.admin().host(), kms.adminPort());
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      stop.await();
    } finally {
      if (identity != null) {
        identity.close();
      }
    }
    return 0;
  }

  private static KmsConfig trusting(KmsConfig c, Path ca) {
    List<String> cas = new ArrayList<>(c.ekm().identityCaFiles());
    cas.add(ca.toString());
    return c.toBuilder()
        .ekm(new KmsConfig.Ekm(c.ekm().connectTimeoutMillis(), c.ekm().readTimeoutMillis(), cas))
        .build();
  }

  static KmsConfig load(Path config, Path dataDir) {
    Map<String, String> env = new HashMap<>(System.getenv());
    if (dataDir != null) {
      env.putIfAbsent("EKMS_KMS_DATA_DIR", dataDir.toString());
    } else if (config == null) {
      env.putIfAbsent("EKMS_KMS_DATA_DIR", "ekms-data/kms");
    }
    return ConfigLoader.load(config, KmsConfig.class, "EKMS_KMS", env);
  }
}
