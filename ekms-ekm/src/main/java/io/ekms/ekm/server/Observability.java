package io.ekms.ekm.server;

import io.ekms.core.audit.AuditLog;
import io.ekms.core.db.Database;
import io.ekms.core.http.Responses;
import io.helidon.webserver.http.HttpRouting;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /health} and {@code /metrics}. Health never waits on the audit writer (it reads its last
 * state) and bounds the database probe, so a stuck store cannot wedge health reporting.
 */
final class Observability {
  private Observability() {}

  static void registerHealth(HttpRouting.Builder routing, Database db, AuditLog audit) {
    routing.get(
        "/health",
        (req, res) -> {
          Map<String, String> checks = new LinkedHashMap<>();
          checks.put("database", databaseUp(db) ? "UP" : "DOWN");
          checks.put("audit", audit.healthy() ? "UP" : "DOWN");
          boolean up = !checks.containsValue("DOWN");
          Responses.json(
              res, up ? 200 : 503, Map.of("status", up ? "UP" : "DOWN", "checks", checks));
        });
  }

  private static boolean databaseUp(Database db) {
    try {
      return db.withConnection(c -> valid(c));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean valid(Connection c) throws java.sql.SQLException {
    return c.isValid(2);
  }
}
