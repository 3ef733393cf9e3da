package io.ekms.kms.server;

import io.ekms.common.config.Misconfiguration;
import io.ekms.common.secret.SecretBytes;
import io.ekms.core.admin.AdminAccess;
import io.ekms.core.admin.AdminDirectory;
import io.ekms.core.admin.Quorum;
import io.ekms.core.admin.RequestSeal;
import io.ekms.core.audit.AuditLog;
import io.ekms.core.audit.Refusals;
import io.ekms.core.crypto.Randoms;
import io.ekms.core.db.Database;
import io.ekms.core.http.Health;
import io.ekms.core.http.HttpsServers;
import io.ekms.core.http.Metrics;
import io.ekms.core.http.NoRoute;
import io.ekms.core.http.RequestMetrics;
import io.ekms.core.tls.ServerIdentity;
import io.ekms.kms.auth.RequestVerifier;
import io.ekms.kms.http.AdminRoutes;
import io.ekms.kms.http.KmsRoles;
import io.ekms.kms.http.KmsRoutes;
import io.ekms.kms.service.DatabaseKeyDirectory;
import io.ekms.kms.service.DeletionSweeper;
import io.ekms.kms.service.ExternalVersionSync;
import io.ekms.kms.service.GrantAccess;
import io.ekms.kms.service.KeyManagement;
import io.ekms.kms.service.KmsAudit;
import io.ekms.kms.service.KmsError;
import io.ekms.kms.service.PrincipalAdmin;
import io.ekms.kms.service.RequestRates;
import io.ekms.kms.service.Resources;
import io.ekms.kms.service.RetryTokens;
import io.ekms.kms.service.SecretSealer;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * A running KMS over HTTPS: the OCI KMS API and {@code /health} on the API listener, the admin API,
 * detailed {@code /health} and {@code /metrics} on the admin listener, and the deletion sweeper.
 */
public final class KmsServer implements AutoCloseable {
  private final Database db;
  private final AuditLog auditLog;
  private final Refusals refusals;
  private final SecretSealer sealer;
  private final DeletionSweeper sweeper;
  private final ExternalVersionSync versionSync;
  private final WebServer server;
  private final String baseUrl;
  private final AutoCloseable owned;

  private KmsServer(
      Database db,
      AuditLog auditLog,
      Refusals refusals,
      SecretSealer sealer,
      DeletionSweeper sweeper,
      ExternalVersionSync versionSync,
      WebServer server,
      String baseUrl,
      AutoCloseable owned) {
    this.owned = owned;
    this.versionSync = versionSync;
    this.db = db;
    this.auditLog = auditLog;
    this.refusals = refusals;
    this.sealer = sealer;
    this.sweeper = sweeper;
    this.server = server;
    this.baseUrl = baseUrl;
  }

  public static KmsServer start(KmsConfig config, Map<String, String> env, KmsParts parts) {
    return start(config, env, parts, () -> {});
  }

  /** As {@link #start(KmsConfig, Map, KmsParts)}; {@code owned} is closed with the server. */
  public static KmsServer start(
      KmsConfig config, Map<String, String> env, KmsParts parts, AutoCloseable owned) {
    return start(config, env, parts, owned, System::nanoTime);
  }

  /** As above, with {@code rateClock} as the clock request rates refill on (tests). */
  static KmsServer start(
      KmsConfig config,
      Map<String, String> env,
      KmsParts parts,
      AutoCloseable owned,
      LongSupplier rateClock) {
    // Milliseconds are what the API shows and the store keeps: one precision everywhere.
    Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    Database db = Database.open(config.database(), env, KmsInit.MIGRATIONS);
    try {
      SecretBytes masterKey = KmsMasterKey.open(Path.of(config.masterKeyFile()), db);
      SecretSealer sealer = new SecretSealer(masterKey);
      AuditLog auditLog =
          new AuditLog(db, config.audit().options(java.nio.file.Path.of(config.dataDir())));
      KmsAudit audit = new KmsAudit(auditLog, clock);
      Refusals refusals = new Refusals(auditLog, clock);
      RetryTokens retryTokens = new RetryTokens(db, clock);
      // Vault views name their endpoints by the base URL, known once the listener is bound.
      AtomicReference<String> baseUrl = new AtomicReference<>();
      HttpRouting.Builder api = HttpRouting.builder();
      new KmsRoutes(
              db,
              clock,
              new SignatureAuthenticator(new RequestVerifier(new DatabaseKeyDirectory(db), clock)),
              new RequestRates(
                  config.rateLimit().perSecondPerPrincipal(),
                  config.rateLimit().burst(),
                  rateClock),
              new GrantAccess(db),
              audit,
              refusals,
              retryTokens,
              parts.externalVaults(),
              sealer,
              new RequestMetrics(Metrics.registry(), "kms_requests"),
              baseUrl::get,
              parts.egress())
          .routing(api);
      parts.extraRoutes().accept(api);
      HttpRouting.Builder admin = HttpRouting.builder();
      AdminAccess access =
          adminAccess(
              db,
              clock,
              new Quorum(
                  db,
                  clock,
                  config.quorum(),
                  KmsRoles.TABLE,
                  KmsRoles.ERRORS,
                  audit.core(),
                  RequestSeal.of(masterKey)));
      RequestMetrics adminMetrics = new RequestMetrics(Metrics.registry(), "kms_admin_requests");
      KmsRoles.administratorRoutes(access, audit, refusals, adminMetrics).routing(admin);
      new AdminRoutes(
              new PrincipalAdmin(db, audit, clock), auditLog, audit, refusals, access, adminMetrics)
          .routing(admin);
      Health.register(api, admin, db, auditLog);
      NoRoute.register(api, KmsError.NOT_AUTHORIZED_OR_NOT_FOUND.code(), false);
      NoRoute.register(admin, KmsError.NOT_AUTHORIZED_OR_NOT_FOUND.code(), true);
      // Known before listening when configured; the actual ports (0 picks one) once bound.
      bindOwnListeners(config, parts, config.api().port(), config.admin().port());
      WebServer server =
          HttpsServers.start(
              config.api(), api, config.admin(), admin, identity(config), config.limits());
      bindOwnListeners(config, parts, server.port(), server.port("admin"));
      baseUrl.set(config.baseUrl(server.port()));
      Duration sweepInterval = Duration.ofSeconds(config.sweepIntervalSeconds());
      DeletionSweeper sweeper =
          new DeletionSweeper(
              db,
              audit,
              retryTokens,
              clock,
              "kms-" + Randoms.hex(8),
              sweepInterval.multipliedBy(3));
      sweeper.start(sweepInterval);
      ExternalVersionSync versionSync = versionSync(config, db, audit, parts, sealer, clock);
      return new KmsServer(
          db, auditLog, refusals, sealer, sweeper, versionSync, server, baseUrl.get(), owned);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** The job recording versions EKMs made by themselves; started unless its interval is 0. */
  private static ExternalVersionSync versionSync(
      KmsConfig config,
      Database db,
      KmsAudit audit,
      KmsParts parts,
      SecretSealer sealer,
      Clock clock) {
    int seconds = config.versionSyncIntervalSeconds();
    ExternalVersionSync sync =
        new ExternalVersionSync(
            new KeyManagement(
                new Resources(db),
                new GrantAccess(db),
                audit,
                parts.externalVaults(),
                sealer,
                clock),
            Duration.ofSeconds(Math.max(seconds, 60)).multipliedBy(3));
    if (seconds > 0) {
      sync.start(Duration.ofSeconds(seconds));
    }
    return sync;
  }

  /** The job recording versions EKMs made by themselves (tests run a pass at once). */
  public ExternalVersionSync versionSync() {
    return versionSync;
  }

  private static void bindOwnListeners(KmsConfig config, KmsParts parts, int api, int admin) {
    parts
        .egress()
        .ownListeners()
        .bind(config.api().host(), api, config.admin().host(), admin, config.publicUrl());
  }

  /** What {@code start} was given to close with the server (the EKM clients, for the launcher). */
  AutoCloseable owned() {
    return owned;
  }

  public int port() {
    return server.port();
  }

  public int adminPort() {
    return server.port("admin");
  }

  /**
   * The KMS's administrators; a KMS initialized before named administrators had one admin token,
   * which becomes its bootstrap token.
   */
  private static AdminAccess adminAccess(Database db, java.time.Clock clock, Quorum quorum) {
    db.inTransaction(
        c -> {
          String legacy = Meta.get(c, "admin_token_sha256");
          if (legacy != null) {
            AdminDirectory.adoptLegacyToken(c, legacy);
          }
          return null;
        });
    AdminDirectory directory = new AdminDirectory(db, clock, KmsRoles.ERRORS);
    if (!directory.initialized()) {
      throw new Misconfiguration(
          "the KMS has no administrator and no bootstrap token; run 'ekms kms init' first.");
    }
    return new AdminAccess(directory, KmsRoles.TABLE, KmsRoles.ERRORS, quorum);
  }

  public String baseUrl() {
    return baseUrl;
  }

  private static ServerIdentity identity(KmsConfig config) {
    try {
      return ServerIdentity.load(
          Path.of(config.tls().certificate()), Path.of(config.tls().privateKey()));
    } catch (Misconfiguration e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new Misconfiguration(
          "cannot read the TLS certificate "
              + config.tls().certificate()
              + " or its key; run 'ekms kms init' or fix the tls settings.",
          e);
    }
  }

  @Override
  public void close() {
    server.stop();
    sweeper.close();
    versionSync.close();
    try {
      owned.close();
    } catch (Exception e) {
      System.getLogger(KmsServer.class.getName())
          .log(System.Logger.Level.WARNING, "closing the EKM clients failed", e);
    }
    refusals.close();
    auditLog.close();
    sealer.close();
    db.close();
  }
}
