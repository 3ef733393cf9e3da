package io.ekms.stack;

import io.ekms.admin.client.AdminHttp;
import io.ekms.admin.client.EkmAdmin;
import io.ekms.admin.client.IdentityAdmin;
import io.ekms.admin.client.KmsAdmin;
import io.ekms.core.admin.FirstAdministrator;
import io.ekms.core.tls.LocalCa;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.ekm.server.EkmInit;
import io.ekms.ekm.server.EkmServer;
import io.ekms.identity.server.IdentityConfig;
import io.ekms.identity.server.IdentityInit;
import io.ekms.identity.server.IdentityServer;
import io.ekms.kms.server.KmsInit;
import io.ekms.kms.server.KmsLauncher;
import io.ekms.kms.server.KmsServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Identity, EKM and KMS in this process on 127.0.0.1 over HTTPS, with their data under one
 * directory ({@code identity/}, {@code ekm/}, {@code kms/}) and one local CA ({@code tls/ca.pem})
 * that issued all three server certificates, so one CA file trusts them all. Missing data is
 * initialised on start; existing data is reused. The KMS trusts the identity server for tokens and
 * the loopback address for EKMs. This is what {@code ekms quickstart} runs and what the end-to-end
 * tests start; {@link #close()} stops all three.
 */
public final class LoopbackStack implements StackEndpoints, AutoCloseable {
  /**
   * The administrator init enrolls at once in a loopback stack, holding every role; its token is
   * each server's {@code admin.token}.
   */
  public static final FirstAdministrator FIRST_ADMINISTRATOR = FirstAdministrator.allRoles("admin");

  private final Path dataDir;
  private final Path caFile;
  private final EkmConfig ekmConfig;
  private final EkmServer.Hooks ekmHooks;
  private final StackIdentity identity;
  private volatile EkmServer ekm;
  private volatile boolean ekmRunning = true;
  private final KmsServer kms;

  private LoopbackStack(
      Path dataDir,
      EkmConfig ekmConfig,
      EkmServer.Hooks ekmHooks,
      StackIdentity identity,
      EkmServer ekm,
      KmsServer kms) {
    this.dataDir = dataDir;
    this.caFile = dataDir.resolve("tls/ca.pem");
    this.ekmConfig = ekmConfig;
    this.ekmHooks = ekmHooks;
    this.identity = identity;
    this.ekm = ekm;
    this.kms = kms;
  }

  /** A stack under {@code dataDir}, on free ports unless the builder says otherwise. */
  public static LoopbackStackBuilder builder(Path dataDir) {
    return new LoopbackStackBuilder(dataDir);
  }

  /**
   * Initialises what is missing under {@code dataDir} and starts the three servers on {@code ports}
   * ({@link StackPorts#EPHEMERAL} picks free ones), with the loopback defaults.
   *
   * @throws StackException when a fixed port is taken
   */
  public static LoopbackStack start(Path dataDir, StackPorts ports) throws IOException {
    return start(
        dataDir,
        ports,
        StackConfigs.Changes.NONE,
        EkmServer.Hooks.NONE,
        Clock.systemUTC(),
        Clock.systemUTC());
  }

  static LoopbackStack start(
      Path dataDir,
      StackPorts ports,
      StackConfigs.Changes changes,
      EkmServer.Hooks ekmHooks,
      Clock identityClock,
      Clock kmsTokenClock)
      throws IOException {
    ports.requireFree();
    Path dir = Files.createDirectories(dataDir).toAbsolutePath();
    StackConfigs configs = StackConfigs.loopback(dir, ports, changes);
    LocalCa ca = StackCa.loadOrCreate(dir.resolve("tls"));
    StackCa.issueServer(ca, "ekms-identity", configs.identity().dataPath());
    StackCa.issueServer(ca, "ekms-ekm", configs.ekm().dataPath());
    IdentityInit.run(configs.identity(), Map.of());
    EkmInit.run(configs.ekm(), Map.of(), FIRST_ADMINISTRATOR);
    KmsInit.run(configs.kms(), Map.of(), ca, FIRST_ADMINISTRATOR);
    StackIdentity identity = StackIdentity.start(configs.identity(), identityClock);
    EkmServer ekm = null;
    try {
      ekm = EkmServer.start(configs.ekm(), Map.of(), ekmHooks);
      KmsServer kms = KmsLauncher.start(configs.kms(), Map.of(), routing -> {}, kmsTokenClock);
      return new LoopbackStack(dir, configs.ekm(), ekmHooks, identity, ekm, kms);
    } catch (RuntimeException | Error e) {
      if (ekm != null) {
        ekm.close();
      }
      identity.close();
      throw e;
    }
  }

  @Override
  public Path dataDir() {
    return dataDir;
  }

  @Override
  public Path caFile() {
    return caFile;
  }

  public IdentityServer identity() {
    return identity.server();
  }

  /** The identity server's configuration, with the ports it bound. */
  public IdentityConfig identityConfig() {
    return identity.config();
  }

  /**
   * Stops the identity server and starts it again on the same ports, data and clock, so its issuer
   * URL stays the same (the EKM and KMS keep serving).
   */
  public void restartIdentity() {
    identity.restart();
  }

  public EkmServer ekm() {
    return ekm;
  }

  /** Stops the EKM alone (the KMS and identity keep serving), as an EKM outage. */
  public synchronized void stopEkm() {
    if (ekmRunning) {
      ekm.close();
      ekmRunning = false;
    }
  }

  /**
   * Starts the EKM again on the same API port, so vault URLs stay valid, with the clock, backends
   * and rate ticker the builder gave it.
   */
  public synchronized void startEkm() {
    if (!ekmRunning) {
      ekm = EkmServer.start(ekmConfig, Map.of(), ekmHooks);
      ekmRunning = true;
    }
  }

  public KmsServer kms() {
    return kms;
  }

  /** The EKM's configuration (its API port stays the same across {@link #startEkm()}). */
  public EkmConfig ekmConfig() {
    return ekmConfig;
  }

  @Override
  public String ekmAudience() {
    return ekmConfig.audience();
  }

  @Override
  public String identityIssuer() {
    return identity().issuer();
  }

  @Override
  public String kmsUrl() {
    return kms.baseUrl();
  }

  @Override
  public List<String> ekmAddresses() {
    return List.of("127.0.0.1:" + ekm.apiPort());
  }

  @Override
  public String ekmUrl() {
    return "https://127.0.0.1:" + ekm.apiPort();
  }

  public String ekmAdminUrl() {
    return "https://127.0.0.1:" + ekm.adminPort();
  }

  public String identityAdminUrl() {
    return "https://127.0.0.1:" + identity().adminPort();
  }

  public String kmsAdminUrl() {
    return "https://127.0.0.1:" + kms.adminPort();
  }

  @Override
  public IdentityAdmin identityAdmin() {
    return new IdentityAdmin(admin("identity server", identityAdminUrl(), "identity"));
  }

  @Override
  public EkmAdmin ekmAdmin() {
    return new EkmAdmin(admin("EKM", ekmAdminUrl(), "ekm"));
  }

  @Override
  public KmsAdmin kmsAdmin() {
    return new KmsAdmin(admin("KMS", kmsAdminUrl(), "kms"));
  }

  /**
   * The admin token file of a server's data directory ({@code identity}, {@code ekm}, {@code kms}).
   */
  public Path adminTokenFile(String server) {
    return dataDir.resolve(server).resolve("admin.token");
  }

  private AdminHttp admin(String name, String url, String dir) {
    return AdminHttp.of(name, url, caFile, adminTokenFile(dir));
  }

  @Override
  public void close() {
    kms.close();
    stopEkm();
    identity.close();
  }
}
