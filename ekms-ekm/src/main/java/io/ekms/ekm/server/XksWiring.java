package io.ekms.ekm.server;

import io.ekms.common.config.Misconfiguration;
import io.ekms.common.secret.SecretBytes;
import io.ekms.common.tls.Pem;
import io.ekms.core.admin.AdminAccess;
import io.ekms.core.audit.Refusals;
import io.ekms.core.db.Database;
import io.ekms.core.http.RequestMetrics;
import io.ekms.core.http.ServerTls;
import io.ekms.core.tls.ServerIdentity;
import io.ekms.ekm.auth.xks.SecretSealer;
import io.ekms.ekm.http.XksAdminRoutes;
import io.ekms.ekm.http.xks.XksRoutes;
import io.ekms.ekm.service.AccessPolicies;
import io.ekms.ekm.service.AuditTrail;
import io.ekms.ekm.service.Backends;
import io.ekms.ekm.service.HealthProbe;
import io.ekms.ekm.service.XksAdmin;
import io.ekms.ekm.service.XksCrypto;
import io.ekms.ekm.service.XksDirectory;
import io.helidon.common.tls.Tls;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/** The XKS proxy API and its admin API, sharing one key-store directory and one sealer. */
final class XksWiring {
  private final Database db;
  private final XksDirectory directory;
  private final SecretSealer sealer;
  private final Backends backends;
  private final AuditTrail audit;
  private final Refusals refusals;
  private final AdminAccess access;
  private final Clock clock;
  private XksAdmin admin;

  XksWiring(
      Database db,
      SecretBytes masterKey,
      Backends backends,
      AuditTrail audit,
      Refusals refusals,
      AdminAccess access,
      Clock clock) {
    this.db = db;
    this.directory = new XksDirectory(db);
    this.sealer = new SecretSealer(masterKey);
    this.backends = backends;
    this.audit = audit;
    this.refusals = refusals;
    this.access = access;
    this.clock = clock;
  }

  /** The XKS listener's TLS: the API's, plus required client certificates when configured. */
  static Tls tls(EkmConfig.Xks config, ServerIdentity identity, Tls apiTls) {
    if (config.clientCaFile() == null) {
      return apiTls;
    }
    try {
      return ServerTls.mutual(identity, Pem.certificates(Path.of(config.clientCaFile())));
    } catch (IOException | RuntimeException e) {
      throw new Misconfiguration(
          "cannot read xks.clientCaFile " + config.clientCaFile() + " (" + e.getMessage() + ").");
    }
  }

  /**
   * {@code health}: the default backend's probe, shared with {@code /health}; the key stores' rate
   * limits refill on {@code rateTicker}.
   */
  XksRoutes api(
      HealthProbe health,
      AccessPolicies policies,
      RequestMetrics metrics,
      java.util.function.LongSupplier rateTicker) {
    return new XksRoutes(
        directory,
        sealer,
        new XksCrypto(db, backends, audit, policies),
        health,
        audit,
        refusals,
        metrics,
        clock,
        rateTicker);
  }

  /** On the XKS API's own listener, answers every other path InvalidUriPathException. */
  void fallback(io.helidon.webserver.http.HttpRouting.Builder routing) {
    XksRoutes.fallback(routing);
  }

  XksAdminRoutes admin(RequestMetrics metrics) {
    return new XksAdminRoutes(adminService(), audit, refusals, access, metrics);
  }

  /** The admin use cases of XKS key stores, one per server (the admin API's and the console's). */
  XksAdmin adminService() {
    if (admin == null) {
      admin = new XksAdmin(db, sealer, directory, audit, clock);
    }
    return admin;
  }
}
