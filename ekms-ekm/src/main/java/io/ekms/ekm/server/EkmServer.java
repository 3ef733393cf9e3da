package io.ekms.ekm.server;

import io.ekms.core.audit.AuditLog;
import io.ekms.core.config.Misconfiguration;
import io.ekms.core.db.Database;
import io.ekms.core.http.AdminCredential;
import io.ekms.core.http.RequestMetrics;
import io.ekms.core.http.ServerTls;
import io.ekms.core.tls.ServerIdentity;
import io.ekms.ekm.auth.TokenValidator;
import io.ekms.ekm.http.AdminRoutes;
import io.ekms.ekm.http.EkmApiRoutes;
import io.ekms.ekm.service.AuditTrail;
import io.ekms.ekm.service.Backends;
import io.ekms.ekm.service.CryptoService;
import io.ekms.ekm.service.KeyAdmin;
import io.ekms.ekm.service.Lookups;
import io.ekms.ekm.service.VaultAdmin;
import io.ekms.ekm.service.VersionAdmin;
import io.ekms.ekm.store.MetaRepository;
import io.helidon.common.tls.Tls;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A running EKM: the EKM API listener (with {@code /health} and {@code /metrics}) and the admin
 * listener, both HTTPS. Everything is built here from the config, and closed in reverse order.
 */
public final class EkmServer implements AutoCloseable {
  private final Database db;
  private final AuditLog auditLog;
  private final Backends backends;
  private final WebServer server;

  private EkmServer(Database db, AuditLog auditLog, Backends backends, WebServer server) {
    this.db = db;
    this.auditLog = auditLog;
    this.backends = backends;
    this.server = server;
  }

  public static EkmServer start(EkmConfig config, Map<String, String> env) {
    Clock clock = Clock.systemUTC();
    Database db = Database.open(config.database(), env, "db/ekm", "db/audit");
    try {
      String adminHash =
          db.withConnection(c -> new MetaRepository().get(c, "admin_token_sha256"))
              .orElseThrow(
                  () ->
                      new Misconfiguration(
                          "the EKM has no admin token; run 'ekms ekm init' first."));
      Backends backends = BackendsOpener.open(config, db, env);
      AuditLog auditLog = AuditLogs.open(db, config.audit());
      AuditTrail audit = new AuditTrail(auditLog, clock);
      IssuerDirectory issuers = new IssuerDirectory(db);
      TokenValidator tokens =
          new TokenValidator(
              config.audience(),
              Duration.ofSeconds(config.tokens().clockSkewSeconds()),
              issuers::find,
              clock);
      RequestMetrics apiMetrics =
          new RequestMetrics(io.ekms.core.http.Metrics.registry(), "ekm_requests");
      RequestMetrics adminMetrics =
          new RequestMetrics(io.ekms.core.http.Metrics.registry(), "ekm_admin_requests");
      var api =
          new EkmApiRoutes(
              new CryptoService(new Lookups(db), backends, audit),
              tokens,
              audit,
              new io.ekms.ekm.service.RateLimiter(
                  config.rateLimit().perSecondPerVault(), config.rateLimit().burst()),
              apiMetrics);
      var admin =
          new AdminRoutes(
              new VaultAdmin(db, audit, clock, issuers::changed),
              new KeyAdmin(db, backends, audit, clock),
              new VersionAdmin(db, backends, audit, clock),
              auditLog,
              audit,
              new AdminCredential(adminHash),
              adminMetrics);
      Tls tls = ServerTls.of(identity(config));
      HttpRouting.Builder apiRouting = HttpRouting.builder();
      api.routing(apiRouting);
      Observability.registerHealth(apiRouting, db, auditLog);
      HttpRouting.Builder adminRouting = HttpRouting.builder();
      admin.routing(adminRouting);
      Observability.registerHealth(adminRouting, db, auditLog);
      WebServer server =
          WebServer.builder()
              .host(config.api().host())
              .port(config.api().port())
              .tls(tls)
              .maxPayloadSize(1 << 20)
              .addFeature(io.ekms.core.http.Metrics.feature("@default", "admin"))
              .routing(apiRouting)
              .putSocket(
                  "admin",
                  s ->
                      s.host(config.admin().host())
                          .port(config.admin().port())
                          .tls(tls)
                          .maxPayloadSize(1 << 20)
                          .routing(adminRouting))
              .build()
              .start();
      return new EkmServer(db, auditLog, backends, server);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  public int apiPort() {
    return server.port();
  }

  public int adminPort() {
    return server.port("admin");
  }

  private static ServerIdentity identity(EkmConfig config) {
    try {
      return ServerIdentity.load(
          Path.of(config.tls().certificate()), Path.of(config.tls().privateKey()));
    } catch (IOException | RuntimeException e) {
      throw new Misconfiguration(
          "cannot read the TLS certificate "
              + config.tls().certificate()
              + " or its key; run 'ekms ekm init' or fix the tls settings.",
          e);
    }
  }

  @Override
  public void close() {
    server.stop();
    auditLog.close();
    backends.close();
    db.close();
  }
}
