package io.ekms.core.http;

import io.ekms.core.audit.AuditLog;
import io.ekms.core.db.Database;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /health}: UP when the database answers within 2 s and the audit writer is healthy. It
 * never waits on the audit writer (it reads its last state), so a stuck store cannot wedge it.
 */
public final class Health {
  private Health() {}

  public static void register(
      io.helidon.webserver.http.HttpRouting.Builder routing, Database db, AuditLog audit) {
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

  private static boolean valid(java.sql.Connection c) throws SQLException {
    return c.isValid(2);
  }
}
