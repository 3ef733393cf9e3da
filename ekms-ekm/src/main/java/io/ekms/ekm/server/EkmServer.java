package io.ekms.ekm.server;

import io.ekms.common.config.Misconfiguration;
import io.ekms.common.secret.SecretBytes;
import io.ekms.core.admin.AdminAccess;
import io.ekms.core.audit.AuditLog;
import io.ekms.core.audit.Refusals;
import io.ekms.core.db.Database;
import io.ekms.core.http.Health;
import io.ekms.core.http.HttpsServers;
import io.ekms.core.http.Metrics;
import io.ekms.core.http.NoRoute;
import io.ekms.core.http.RequestMetrics;
import io.ekms.core.http.ServerTls;
import io.ekms.core.tls.ServerIdentity;
import io.ekms.ekm.auth.TokenValidator;
import io.ekms.ekm.console.ConsoleServices;
import io.ekms.ekm.http.AdminRoutes;
import io.ekms.ekm.http.EkmApiRoutes;
import io.ekms.ekm.http.EkmRoles;
import io.ekms.ekm.http.PolicyAdminRoutes;
import io.ekms.ekm.http.VaultAdminRoutes;
import io.ekms.ekm.http.VaultBindingRoutes;
import io.ekms.ekm.policy.PolicyEngine;
import io.ekms.ekm.service.AccessPolicies;
import io.ekms.ekm.service.AuditTrail;
import io.ekms.ekm.service.Backends;
import io.ekms.ekm.service.CryptoPeriods;
import io.ekms.ekm.service.CryptoService;
import io.ekms.ekm.service.EkmError;
import io.ekms.ekm.service.HealthProbe;
import io.ekms.ekm.service.IssuerAdmin;
import io.ekms.ekm.service.KeyAdmin;
import io.ekms.ekm.service.KeyDeletions;
import io.ekms.ekm.service.KmsRotations;
import io.ekms.ekm.service.Lookups;
import io.ekms.ekm.service.PolicyAdmin;
import io.ekms.ekm.service.QuorumRotationApprovals;
import io.ekms.ekm.service.RateLimiter;
import io.ekms.ekm.service.RotationApprovals;
import io.ekms.ekm.service.VaultAdmin;
import io.ekms.ekm.service.VaultBindings;
import io.ekms.ekm.service.VersionAdmin;
import io.helidon.common.tls.Tls;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * A running EKM: the EKM API listener (with {@code /health}), the admin listener (admin API,
 * detailed {@code /health}, {@code /metrics}) and optionally the XKS listener, all HTTPS. The Cloud
 * EKM API is served on the EKM API listener. Everything is built here from the config, and closed
 * in reverse order.
 */
public final class EkmServer implements AutoCloseable {
  private final Database db;
  private final AuditLog auditLog;
  private final Refusals refusals;
  private final Backends backends;
  private final WebServer server;
  private final CryptoPeriods periods;
  private final KeyDeletions deletions;

  private EkmServer(
      Database db,
      AuditLog auditLog,
      Refusals refusals,
      Backends backends,
      WebServer server,
      CryptoPeriods periods,
      KeyDeletions deletions) {
    this.periods = periods;
    this.deletions = deletions;
    this.db = db;
    this.auditLog = auditLog;
    this.refusals = refusals;
    this.backends = backends;
    this.server = server;
  }

  /**
   * What a caller may put in place of the EKM's own time, key backends and rate ticker: tests skew
   * the server's clock, watch or fail its backends, or hold its rate limits still. {@link #NONE} is
   * what {@link #start(EkmConfig, Map)} runs with.
   *
   * @param clock the server's time (token and XKS signature validity, audit and admin timestamps)
   * @param backends applied once to the key backends opened from the config; what it returns
   *     serves, and is closed with the server
   * @param rateTicker nanoseconds on which the vaults' and XKS key stores' rate limits refill and
   *     the key backend's health check ages
   * @param approvals where KMS-requested rotations of keys that need a quorum wait ({@link
   *     RotationApprovals#NOT_CONFIGURED} until a quorum is configured)
   */
  public record Hooks(
      Clock clock,
      UnaryOperator<Backends> backends,
      LongSupplier rateTicker,
      RotationApprovals approvals) {
    public static final Hooks NONE =
        new Hooks(
            Clock.systemUTC(),
            UnaryOperator.identity(),
            System::nanoTime,
            RotationApprovals.NOT_CONFIGURED);

    public Hooks {
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(backends, "backends");
      Objects.requireNonNull(rateTicker, "rateTicker");
      Objects.requireNonNull(approvals, "approvals");
    }

    public Hooks withClock(Clock value) {
      return new Hooks(value, backends, rateTicker, approvals);
    }

    public Hooks withBackends(UnaryOperator<Backends> value) {
      return new Hooks(clock, value, rateTicker, approvals);
    }

    public Hooks withRateTicker(LongSupplier value) {
      return new Hooks(clock, backends, value, approvals);
    }

    /** Where KMS-requested rotations of QUORUM keys wait ({@link RotationApprovals}). */
    public Hooks withApprovals(RotationApprovals value) {
      return new Hooks(clock, backends, rateTicker, value);
    }
  }

  /** Opens the EKM's database, key backends and audit log and starts its listeners. */
  public static EkmServer start(EkmConfig config, Map<String, String> env) {
    return start(config, env, Hooks.NONE);
  }

  /** As {@link #start(EkmConfig, Map)}, with the clock, backends and ticker {@code hooks} say. */
  public static EkmServer start(EkmConfig config, Map<String, String> env, Hooks hooks) {
    Clock clock = hooks.clock();
    LongSupplier rateTicker = hooks.rateTicker();
    Database db = Database.open(config.database(), env, EkmInit.MIGRATIONS);
    try {
      SecretBytes masterKey = KeystoreOpener.open(config.keystore(), db, env);
      Backends backends = hooks.backends().apply(BackendsOpener.open(config, masterKey, env));
      AuditLog auditLog =
          new AuditLog(db, config.audit().options(java.nio.file.Path.of(config.dataDir())));
      AuditTrail audit = new AuditTrail(auditLog, clock);
      Refusals refusals = new Refusals(auditLog, clock);
      IssuerDirectory issuers = new IssuerDirectory(db);
      HttpRouting.Builder api = HttpRouting.builder();
      AccessPolicies policies = new AccessPolicies(db, new PolicyEngine(), clock);
      RequestMetrics ociMetrics = new RequestMetrics(Metrics.registry(), "ekm_requests");
      RequestMetrics xksMetrics = new RequestMetrics(Metrics.registry(), "ekm_xks_requests");
      RequestMetrics gcpMetrics = new RequestMetrics(Metrics.registry(), "ekm_gcp_requests");
      RequestMetrics adminMetrics = new RequestMetrics(Metrics.registry(), "ekm_admin_requests");
      CryptoService crypto =
          new CryptoService(
              new Lookups(db),
              backends,
              audit,
              new RateLimiter(
                  config.rateLimit().perSecondPerVault(), config.rateLimit().burst(), rateTicker),
              policies);
      AdminAccess access = EkmAdministrators.access(db, clock, config.quorum(), audit, masterKey);
      QuorumRotationApprovals quorumRotations = new QuorumRotationApprovals(access.quorum());
      KmsRotations kmsRotations =
          config.rotation().kmsApi()
              ? new KmsRotations(
                  crypto,
                  db,
                  backends,
                  audit,
                  policies,
                  hooks.approvals() == RotationApprovals.NOT_CONFIGURED
                      ? quorumRotations
                      : hooks.approvals(),
                  clock)
              : null;
      if (kmsRotations != null) {
        quorumRotations.runWith(kmsRotations);
      }
      new EkmApiRoutes(
              crypto,
              kmsRotations,
              new TokenValidator(
                  config.audience(),
                  Duration.ofSeconds(config.tokens().clockSkewSeconds()),
                  issuers::find,
                  clock),
              audit,
              refusals,
              ociMetrics)
          .routing(api);
      HttpRouting.Builder admin = HttpRouting.builder();
      EkmRoles.administratorRoutes(access, audit, refusals, adminMetrics).routing(admin);
      VaultAdmin vaultAdmin = new VaultAdmin(db, audit, clock);
      IssuerAdmin issuerAdmin = new IssuerAdmin(db, audit, clock, issuers::changed);
      KeyAdmin keyAdmin = new KeyAdmin(db, backends, audit, clock);
      VersionAdmin versionAdmin = new VersionAdmin(db, backends, audit, clock);
      PolicyAdmin policyAdmin = new PolicyAdmin(db, audit, clock);
      new VaultAdminRoutes(vaultAdmin, issuerAdmin, audit, refusals, access, adminMetrics)
          .routing(admin);
      new VaultBindingRoutes(
              new VaultBindings(db, audit, clock), audit, refusals, access, adminMetrics)
          .routing(admin);
      KeyDeletions deletions =
          new KeyDeletions(db, keyAdmin, audit, clock, config.keyDeletion().pendingDays());
      new AdminRoutes(
              keyAdmin, deletions, versionAdmin, auditLog, audit, refusals, access, adminMetrics)
          .routing(admin);
      GcpWiring gcp = new GcpWiring(db, backends, audit, refusals, access, clock);
      gcp.api(Duration.ofSeconds(config.tokens().clockSkewSeconds()), policies, gcpMetrics)
          .routing(api);
      gcp.admin(adminMetrics).routing(admin);
      XksWiring xks = new XksWiring(db, masterKey, backends, audit, refusals, access, clock);
      HttpRouting.Builder xksRouting = config.xks() == null ? api : HttpRouting.builder();
      HealthProbe keyBackend = new HealthProbe(backends.forNewKey(null), rateTicker);
      xks.api(keyBackend, policies, xksMetrics, rateTicker).routing(xksRouting);
      new PolicyAdminRoutes(policyAdmin, audit, refusals, access, adminMetrics).routing(admin);
      xks.admin(adminMetrics).routing(admin);
      if (config.console().enabled()) {
        ConsoleWiring.routes(
                db,
                access,
                audit,
                refusals,
                clock,
                config.console(),
                new ConsoleServices(
                    vaultAdmin,
                    issuerAdmin,
                    keyAdmin,
                    deletions,
                    versionAdmin,
                    xks.adminService(),
                    gcp.adminService(),
                    policyAdmin,
                    auditLog,
                    ConsoleWiring.health(db, auditLog, keyBackend, config.defaultBackend()),
                    ConsoleWiring.protocols(ociMetrics, xksMetrics, gcpMetrics)))
            .routing(admin);
      }
      Health.register(api, admin, db, auditLog, Map.of("keyBackend", keyBackend::healthy));
      NoRoute.register(api, EkmError.NOT_FOUND.code(), false);
      NoRoute.register(admin, EkmError.NOT_FOUND.code(), true);
      if (xksRouting != api) {
        xks.fallback(xksRouting);
      }
      ServerIdentity identity = identity(config);
      Tls tls = ServerTls.of(identity);
      var builder =
          HttpsServers.builder(
              config.api(),
              api,
              ApiTls.of(config.tls(), identity, tls),
              config.admin(),
              admin,
              tls,
              config.limits());
      if (config.xks() != null) {
        HttpsServers.addSocket(
            builder,
            "xks",
            config.xks().listener(),
            XksWiring.tls(config.xks(), identity, tls),
            xksRouting,
            config.limits());
      }
      WebServer server = builder.build().start();
      CryptoPeriods periods = new CryptoPeriods(db, backends, audit, clock);
      periods.start(Duration.ofSeconds(config.rotation().checkIntervalSeconds()));
      deletions.start(Duration.ofSeconds(config.keyDeletion().checkIntervalSeconds()));
      return new EkmServer(db, auditLog, refusals, backends, server, periods, deletions);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  public int apiPort() {
    return server.port();
  }

  /** The XKS listener's port, or the API port when XKS shares the API listener. */
  public int xksPort() {
    int xks = server.port("xks");
    return xks > 0 ? xks : server.port();
  }

  public int adminPort() {
    return server.port("admin");
  }

  private static ServerIdentity identity(EkmConfig config) {
    try {
      return ServerIdentity.load(
          Path.of(config.tls().certificate()), Path.of(config.tls().privateKey()));
    } catch (Misconfiguration e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new Misconfiguration(
          "cannot read the TLS certificate "
              + config.tls().certificate()
              + " or its key; run 'ekms ekm init' or fix the tls settings.",
          e);
    }
  }

  /**
   * The crypto-period job, which also runs by itself every {@code rotation.checkIntervalSeconds}.
   */
  public CryptoPeriods cryptoPeriods() {
    return periods;
  }

  /** Scheduled key deletions, for a test that moves the clock and runs a pass. */
  public KeyDeletions keyDeletions() {
    return deletions;
  }

  @Override
  public void close() {
    server.stop();
    periods.close();
    deletions.close();
    refusals.close();
    auditLog.close();
    backends.close();
    db.close();
  }
}
