package io.ekms.cli.quickstart;

import io.ekms.core.http.Listener;
import io.ekms.core.tls.LocalCa;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.ekm.server.EkmInit;
import io.ekms.ekm.server.EkmServer;
import io.ekms.identity.server.IdentityConfig;
import io.ekms.identity.server.IdentityInit;
import io.ekms.identity.server.IdentityServer;
import io.ekms.kms.server.KmsConfig;
import io.ekms.kms.server.KmsInit;
import io.ekms.kms.server.KmsLauncher;
import io.ekms.kms.server.KmsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Identity, EKM and KMS in this process on loopback over HTTPS, with their data under one directory
 * ({@code identity/}, {@code ekm/}, {@code kms/}) and one local CA ({@code tls/ca.pem}) that issued
 * all three server certificates, so one CA file is enough to trust them all.
 */
final class QuickstartStack implements AutoCloseable {
  final Path dataDir;
  final Path caFile;
  final IdentityConfig identityConfig;
  final EkmConfig ekmConfig;
  final KmsConfig kmsConfig;
  final IdentityServer identity;
  final EkmServer ekm;
  final KmsServer kms;

  /** Ports: identity, identity admin, EKM, EKM admin, KMS, KMS admin. */
  record Ports(int identity, int identityAdmin, int ekm, int ekmAdmin, int kms, int kmsAdmin) {
    /** The servers' own defaults. */
    static final Ports DEFAULTS = new Ports(8445, 8446, 8443, 8444, 9443, 9444);

    /** Six consecutive ports from {@code base}. */
    static Ports from(int base) {
      return new Ports(base, base + 1, base + 2, base + 3, base + 4, base + 5);
    }

    List<Integer> all() {
      return List.of(identity, identityAdmin, ekm, ekmAdmin, kms, kmsAdmin);
    }
  }

  private QuickstartStack(Path dataDir, Ports ports) throws Exception {
    this.dataDir = dataDir;
    this.caFile = dataDir.resolve("tls/ca.pem");
    identityConfig =
        IdentityConfig.builder(dataDir.resolve("identity"))
            .api(loopback(ports.identity()))
            .admin(loopback(ports.identityAdmin()))
            .build();
    ekmConfig =
        EkmConfig.builder(dataDir.resolve("ekm"))
            .api(loopback(ports.ekm()))
            .admin(loopback(ports.ekmAdmin()))
            .build();
    kmsConfig =
        KmsConfig.builder(dataDir.resolve("kms"))
            .api(loopback(ports.kms()))
            .admin(loopback(ports.kmsAdmin()))
            .ekm(new KmsConfig.Ekm(null, null, List.of(caFile.toString())))
            // Everything runs on this machine: the EKM and identity are on loopback.
            .egress(KmsConfig.Egress.loopbackOnly())
            .build();
    LocalCa ca = localCa();
    issue(ca, "ekms-identity", identityConfig.dataPath());
    issue(ca, "ekms-ekm", ekmConfig.dataPath());
    IdentityInit.run(identityConfig, Map.of());
    EkmInit.run(ekmConfig, Map.of());
    KmsInit.run(kmsConfig, Map.of(), ca);
    IdentityServer startedIdentity = IdentityServer.start(identityConfig, Map.of());
    EkmServer startedEkm = null;
    try {
      startedEkm = EkmServer.start(ekmConfig, Map.of());
      kms = KmsLauncher.start(kmsConfig, Map.of(), routing -> {});
    } catch (Exception | Error e) {
      if (startedEkm != null) {
        startedEkm.close();
      }
      startedIdentity.close();
      throw e;
    }
    identity = startedIdentity;
    ekm = startedEkm;
  }

  /**
   * Initialises what is missing under {@code dataDir} and starts the three servers.
   *
   * @throws QuickstartException when a port is taken
   */
  static QuickstartStack start(Path dataDir, Ports ports) throws Exception {
    for (int port : ports.all()) {
      requireFree(port);
    }
    Files.createDirectories(dataDir);
    return new QuickstartStack(dataDir.toAbsolutePath(), ports);
  }

  private static void requireFree(int port) {
    try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
    } catch (IOException e) {
      throw new QuickstartException(
          "Port "
              + port
              + " on 127.0.0.1 is taken (is another ekms running?); stop it or choose"
              + " other ports with --port-base.");
    }
  }

  /** The quickstart's CA: made on first run, loaded afterwards. */
  private LocalCa localCa() throws IOException {
    Path dir = caFile.getParent();
    if (Files.exists(caFile)) {
      return LocalCa.load(dir);
    }
    LocalCa ca = LocalCa.create("ekms quickstart local CA");
    ca.writeTo(dir, true);
    return ca;
  }

  /**
   * Issues a loopback certificate into a server's default TLS files (before its init, which then
   * keeps them) and puts the CA beside it, where the admin verbs look for it.
   */
  private void issue(LocalCa ca, String name, Path serverDir) throws IOException {
    Path tls = serverDir.resolve("tls");
    if (Files.exists(tls.resolve("server.pem"))) {
      return;
    }
    Files.createDirectories(tls);
    ca.issueServer(name, List.of("localhost"), List.of("127.0.0.1", "::1"))
        .writeTo(tls.resolve("server.pem"), tls.resolve("server-key.pem"));
    Files.copy(caFile, tls.resolve("ca.pem"), StandardCopyOption.REPLACE_EXISTING);
  }

  String ekmUrl() {
    return "https://127.0.0.1:" + ekm.apiPort();
  }

  String ekmAdminUrl() {
    return "https://127.0.0.1:" + ekm.adminPort();
  }

  String identityAdminUrl() {
    return "https://127.0.0.1:" + identity.adminPort();
  }

  String kmsAdminUrl() {
    return "https://127.0.0.1:" + kms.adminPort();
  }

  private static Listener loopback(int port) {
    return new Listener("127.0.0.1", port);
  }

  @Override
  public void close() {
    kms.close();
    ekm.close();
    identity.close();
  }
}
