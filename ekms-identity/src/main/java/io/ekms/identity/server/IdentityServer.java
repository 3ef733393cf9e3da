package io.ekms.identity.server;

import io.ekms.common.config.Misconfiguration;
import io.ekms.core.audit.AuditLog;
import io.ekms.core.db.Database;
import io.ekms.core.http.Health;
import io.ekms.core.http.HttpsServers;
import io.ekms.core.http.NoRoute;
import io.ekms.core.tls.ServerIdentity;
import io.ekms.identity.service.AdminError;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running identity server: the OAuth listener (token, JWKS, discovery, {@code /health}) and the
 * admin listener (admin API, detailed {@code /health}, {@code /metrics}), both HTTPS. Built from
 * the config; closed in reverse order.
 */
public final class IdentityServer implements AutoCloseable {
  private final Database db;
  private final AuditLog auditLog;
  private final Identity identity;
  private final WebServer server;
  private final String issuer;

  private IdentityServer(
      Database db, AuditLog auditLog, Identity identity, WebServer server, String issuer) {
    this.db = db;
    this.auditLog = auditLog;
    this.identity = identity;
    this.server = server;
    this.issuer = issuer;
  }

  public static IdentityServer start(IdentityConfig config, Map<String, String> env) {
    return start(config, env, Clock.systemUTC());
  }

  /** Starts with {@code clock} as the time tokens are issued and keys retire at. */
  public static IdentityServer start(IdentityConfig config, Map<String, String> env, Clock clock) {
    Database db = Database.open(config.database(), env, "db/identity", "db/audit");
    AuditLog auditLog = null;
    Identity identity = null;
    try {
      auditLog = new AuditLog(db, config.audit().options(java.nio.file.Path.of(config.dataDir())));
      AtomicReference<String> issuer = new AtomicReference<>();
      identity = Identity.open(config, db, auditLog, issuer::get, clock);
      HttpRouting.Builder api = HttpRouting.builder();
      identity.routing(api);
      HttpRouting.Builder admin = HttpRouting.builder();
      identity.adminRouting(admin);
      Health.register(api, admin, db, auditLog);
      NoRoute.register(api, AdminError.NOT_FOUND.code(), false);
      NoRoute.register(admin, AdminError.NOT_FOUND.code(), true);
      WebServer server =
          HttpsServers.start(
              config.api(), api, config.admin(), admin, tlsIdentity(config), config.limits());
      issuer.set(config.issuerFor(server.port()));
      return new IdentityServer(db, auditLog, identity, server, issuer.get());
    } catch (RuntimeException e) {
      if (identity != null) {
        identity.close();
      }
      if (auditLog != null) {
        auditLog.close();
      }
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

  /** The {@code iss} of this server's tokens. */
  public String issuer() {
    return issuer;
  }

  private static ServerIdentity tlsIdentity(IdentityConfig config) {
    try {
      return ServerIdentity.load(
          Path.of(config.tls().certificate()), Path.of(config.tls().privateKey()));
    } catch (Misconfiguration e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new Misconfiguration(
          "cannot read the TLS certificate "
              + config.tls().certificate()
              + " or its key; run 'ekms identity init' or fix the tls settings.",
          e);
    }
  }

  @Override
  public void close() {
    server.stop();
    identity.close();
    auditLog.close();
    db.close();
  }
}
