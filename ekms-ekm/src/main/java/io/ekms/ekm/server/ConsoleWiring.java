package io.ekms.ekm.server;

import io.ekms.core.admin.AdminAccess;
import io.ekms.core.audit.AuditLog;
import io.ekms.core.audit.Refusals;
import io.ekms.core.db.Database;
import io.ekms.core.http.Health;
import io.ekms.core.http.RequestMetrics;
import io.ekms.ekm.console.ConsoleRoutes;
import io.ekms.ekm.console.ConsoleServices;
import io.ekms.ekm.console.ConsoleSessions;
import io.ekms.ekm.service.AuditTrail;
import io.ekms.ekm.service.HealthProbe;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Builds the console of the admin listener from the server's parts. */
final class ConsoleWiring {
  private ConsoleWiring() {}

  static ConsoleRoutes routes(
      Database db,
      AdminAccess access,
      AuditTrail audit,
      Refusals refusals,
      Clock clock,
      EkmConfig.Console config,
      ConsoleServices services) {
    ConsoleSessions sessions =
        new ConsoleSessions(
            db,
            access,
            audit,
            clock,
            Duration.ofMinutes(config.idleTimeoutMinutes()),
            Duration.ofHours(config.maxAgeHours()));
    return new ConsoleRoutes(sessions, services, refusals, clock);
  }

  /**
   * The checks of the admin {@code /health}, named for people: the key backend's name says whether
   * new keys live in an HSM ({@code pkcs11}) or in software.
   */
  static Map<String, BooleanSupplier> health(
      Database db, AuditLog log, HealthProbe keyBackend, String backendName) {
    Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
    checks.put("Database", () -> Health.databaseUp(db));
    checks.put("Audit log", log::healthy);
    checks.put(
        backendName.equals("pkcs11") ? "Key backend: HSM (PKCS#11)" : "Key backend: software",
        keyBackend::healthy);
    return checks;
  }

  /** Each protocol's API metrics, by the name the overview shows. */
  static Map<String, RequestMetrics> protocols(
      RequestMetrics oci, RequestMetrics xks, RequestMetrics gcp) {
    Map<String, RequestMetrics> out = new LinkedHashMap<>();
    out.put("OCI External KMS", oci);
    out.put("AWS XKS", xks);
    out.put("Google Cloud EKM", gcp);
    return out;
  }
}
