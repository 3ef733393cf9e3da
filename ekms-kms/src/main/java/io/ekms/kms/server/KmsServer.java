package io.ekms.kms.server;

import io.ekms.core.audit.AuditLog;
import io.ekms.core.audit.AuditLogOptions;
import io.ekms.core.audit.AuditPolicy;
import io.ekms.core.config.Misconfiguration;
import io.ekms.core.db.Database;
import io.ekms.core.http.AdminCredential;
import io.ekms.core.http.RequestMetrics;
import io.ekms.core.http.ServerTls;
import io.ekms.core.tls.ServerIdentity;
import io.ekms.kms.auth.Authorizer;
import io.ekms.kms.auth.DatabaseKeyDirectory;
import io.ekms.kms.auth.PrincipalAdmin;
import io.ekms.kms.auth.RequestVerifier;
import io.ekms.kms.http.AdminRoutes;
import io.ekms.kms.http.KmsRoutes;
import io.ekms.kms.service.Connections;
import io.ekms.kms.service.DeletionSweeper;
import io.ekms.kms.service.KmsAudit;
import io.ekms.kms.service.RetryTokens;
import io.ekms.kms.service.SecretSealer;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** A running KMS over HTTPS: the OCI KMS API, health and metrics, and the deletion sweeper. */
public final class KmsServer implements AutoCloseable {
  private final Database db;
  private final AuditLog auditLog;
  private final SecretSealer sealer;
  private final DeletionSweeper sweeper;
  private final WebServer server;
  private final String baseUrl;
  private final AutoCloseable owned;

  private KmsServer(
      Database db,
      AuditLog auditLog,
      SecretSealer sealer,
      DeletionSweeper sweeper,
      WebServer server,
      String baseUrl,
      AutoCloseable owned) {
    this.owned = owned;
    this.db = db;
    this.auditLog = auditLog;
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
    // Milliseconds are what the API shows and the store keeps: one precision everywhere.
    Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    Database db = Database.open(config.database(), env, "db/kms", "db/audit");
    try {
      SecretSealer sealer =
          new SecretSealer(KmsMasterKey.open(Path.of(config.masterKeyFile()), db));
      AuditLogOptions options =
          AuditLogOptions.defaults().withPolicy(AuditPolicy.valueOf(config.audit().policy()));
      if (config.audit().jsonLinesFile() != null) {
        options = options.withJsonLinesFile(Path.of(config.audit().jsonLinesFile()));
      }
      AuditLog auditLog = new AuditLog(db, options);
      KmsAudit audit = new KmsAudit(auditLog, clock);
      RetryTokens retryTokens = new RetryTokens(db, clock);
      Connections connections = new Connections(parts.externalVaults(), sealer);
      ServerIdentity identity = identity(config);
      WebServer[] holder = new WebServer[1];
      HttpRouting.Builder routing = HttpRouting.builder();
      String[] base = new String[1];
      KmsRoutes routes =
          new KmsRoutes(
              db,
              clock,
              new SignatureAuthenticator(new RequestVerifier(new DatabaseKeyDirectory(db), clock)),
              new GrantAccess(new Authorizer(db)),
              audit,
              retryTokens,
              connections,
              sealer,
              new RequestMetrics(io.ekms.core.http.Metrics.registry(), "kms_requests"),
              () -> base[0]);
      routes.routing(routing);
      parts.extraRoutes().accept(routing);
      routing.get(
          "/health",
          (req, res) ->
              io.ekms.core.http.Responses.json(
                  res,
                  auditLog.healthy() ? 200 : 503,
                  Map.of("status", auditLog.healthy() ? "UP" : "DOWN")));
      HttpRouting.Builder adminRouting = HttpRouting.builder();
      new AdminRoutes(
              new PrincipalAdmin(db, clock),
              auditLog,
              audit,
              adminCredential(db),
              new RequestMetrics(io.ekms.core.http.Metrics.registry(), "kms_admin_requests"))
          .routing(adminRouting);
      var tls = ServerTls.of(identity);
      holder[0] =
          WebServer.builder()
              .host(config.api().host())
              .port(config.api().port())
              .tls(tls)
              .maxPayloadSize(1 << 20)
              .addFeature(io.ekms.core.http.Metrics.feature("@default", "admin"))
              .routing(routing)
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
      base[0] = config.baseUrl(holder[0].port());
      DeletionSweeper sweeper = new DeletionSweeper(db, audit, retryTokens, clock);
      sweeper.start(Duration.ofSeconds(config.sweepIntervalSeconds()));
      return new KmsServer(db, auditLog, sealer, sweeper, holder[0], base[0], owned);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  public int port() {
    return server.port();
  }

  public int adminPort() {
    return server.port("admin");
  }

  private static AdminCredential adminCredential(Database db) {
    String hash = db.withConnection(c -> Meta.get(c, "admin_token_sha256"));
    if (hash == null) {
      throw new Misconfiguration("the KMS has no admin token; run 'ekms kms init' first.");
    }
    return new AdminCredential(hash);
  }

  public String baseUrl() {
    return baseUrl;
  }

  private static ServerIdentity identity(KmsConfig config) {
    try {
      return ServerIdentity.load(
          Path.of(config.tls().certificate()), Path.of(config.tls().privateKey()));
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
    try {
      owned.close();
    } catch (Exception e) {
      System.getLogger(KmsServer.class.getName())
          .log(System.Logger.Level.WARNING, "closing the EKM clients failed", e);
    }
    auditLog.close();
    sealer.close();
    db.close();
  }
}
