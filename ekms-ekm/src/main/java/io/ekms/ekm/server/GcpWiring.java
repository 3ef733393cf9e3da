package io.ekms.ekm.server;

import io.ekms.core.admin.AdminAccess;
import io.ekms.core.audit.Refusals;
import io.ekms.core.db.Database;
import io.ekms.core.http.RequestMetrics;
import io.ekms.ekm.auth.GoogleIdTokens;
import io.ekms.ekm.http.GcpAdminRoutes;
import io.ekms.ekm.http.gcp.GcpRoutes;
import io.ekms.ekm.service.AccessPolicies;
import io.ekms.ekm.service.AuditTrail;
import io.ekms.ekm.service.Backends;
import io.ekms.ekm.service.GcpAdmin;
import io.ekms.ekm.service.GcpCrypto;
import io.ekms.ekm.service.GcpDirectory;
import java.time.Clock;
import java.time.Duration;

/** The Cloud EKM API and its admin API, sharing one key-store directory. */
final class GcpWiring {
  private final Database db;
  private final GcpDirectory directory;
  private final Backends backends;
  private final AuditTrail audit;
  private final Refusals refusals;
  private final AdminAccess access;
  private final Clock clock;
  private GcpAdmin admin;

  GcpWiring(
      Database db,
      Backends backends,
      AuditTrail audit,
      Refusals refusals,
      AdminAccess access,
      Clock clock) {
    this.db = db;
    this.directory = new GcpDirectory(db);
    this.backends = backends;
    this.audit = audit;
    this.refusals = refusals;
    this.access = access;
    this.clock = clock;
  }

  /** The API routes; ID tokens are checked with {@code skew} of clock tolerance. */
  GcpRoutes api(Duration skew, AccessPolicies policies, RequestMetrics metrics) {
    return new GcpRoutes(
        directory,
        new GoogleIdTokens(skew, clock),
        new GcpCrypto(db, backends, audit, policies),
        audit,
        refusals,
        metrics);
  }

  GcpAdminRoutes admin(RequestMetrics metrics) {
    return new GcpAdminRoutes(adminService(), audit, refusals, access, metrics);
  }

  /**
   * The admin use cases of Google key stores, one per server (the admin API's and the console's).
   */
  GcpAdmin adminService() {
    if (admin == null) {
      admin = new GcpAdmin(db, directory, audit, clock);
    }
    return admin;
  }
}
