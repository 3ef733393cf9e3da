package io.ekms.core.http;

import io.ekms.core.audit.AuditLog;
import io.ekms.core.db.Database;
import io.helidon.webserver.http.HttpRouting;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /health}: UP when the database answers within 2 s and the audit writer is healthy. The
 * public listener says only {@code {"status":"UP"}} (200) or {@code {"status":"DOWN"}} (503); the
 * admin listener adds which check failed. It never waits on the audit writer (it reads its last
 * state), so a stuck store cannot wedge it.
 */
public final class Health {
  private Health() {}

  /** Registers the public {@code /health} on {@code api} and the detailed one on {@code admin}. */
  public static void register(
      HttpRouting.Builder api, HttpRouting.Builder admin, Database db, AuditLog audit) {
    api.get(
        "/health",
        (req, res) -> {
          boolean up = checks(db, audit).values().stream().allMatch("UP"::equals);
          Responses.json(res, up ? 200 : 503, Map.of("status", up ? "UP" : "DOWN"));
        });
    admin.get(
        "/health",
        (req, res) -> {
          Map<String, String> checks = checks(db, audit);
          boolean up = checks.values().stream().allMatch("UP"::equals);
          Responses.json(
              res, up ? 200 : 503, Map.of("status", up ? "UP" : "DOWN", "checks", checks));
        });
  }

  private static Map<String, String> checks(Database db, AuditLog audit) {
    Map<String, String> checks = new LinkedHashMap<>();
    checks.put("database", databaseUp(db) ? "UP" : "DOWN");
    checks.put("audit", audit.healthy() ? "UP" : "DOWN");
    return checks;
  }

  private static boolean databaseUp(Database db) {
    try {
      return db.withConnection(c -> valid(c));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean valid(java.sql.Connection c) throws SQLException {
    return c.isValid(2);
  }
}
