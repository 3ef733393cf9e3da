package io.ekms.core.http;

import io.ekms.core.audit.AuditLog;
import io.ekms.core.db.Database;
import io.helidon.webserver.http.HttpRouting;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * {@code /health}: UP when the server can serve: the database answers within 2 s, the audit writer
 * is healthy, and every further check the server adds (the EKM's key backend) passes. The public
 * listener says only {@code {"status":"UP"}} (200) or {@code {"status":"DOWN"}} (503), nothing that
 * would tell a caller which part failed; the admin listener adds each check by name. It never waits
 * on the audit writer (it reads its last state), so a stuck store cannot wedge it.
 */
public final class Health {
  private Health() {}

  /** Registers the public {@code /health} on {@code api} and the detailed one on {@code admin}. */
  public static void register(
      HttpRouting.Builder api, HttpRouting.Builder admin, Database db, AuditLog audit) {
    register(api, admin, db, audit, Map.of());
  }

  /** As above, with {@code more} checks by name (true: up), run after the database and audit. */
  public static void register(
      HttpRouting.Builder api,
      HttpRouting.Builder admin,
      Database db,
      AuditLog audit,
      Map<String, BooleanSupplier> more) {
    Map<String, BooleanSupplier> extra = new TreeMap<>(more);
    api.get(
        "/health",
        (req, res) -> {
          boolean up = checks(db, audit, extra).values().stream().allMatch("UP"::equals);
          Responses.json(res, up ? 200 : 503, Map.of("status", up ? "UP" : "DOWN"));
        });
    admin.get(
        "/health",
        (req, res) -> {
          Map<String, String> checks = checks(db, audit, extra);
          boolean up = checks.values().stream().allMatch("UP"::equals);
          Responses.json(
              res,
              up ? 200 : 503,
              Map.of(
                  "status", up ? "UP" : "DOWN", "checks", checks, "version", BuildInfo.version()));
        });
  }

  private static Map<String, String> checks(
      Database db, AuditLog audit, Map<String, BooleanSupplier> extra) {
    Map<String, String> checks = new LinkedHashMap<>();
    checks.put("database", databaseUp(db) ? "UP" : "DOWN");
    checks.put("audit", audit.healthy() ? "UP" : "DOWN");
    extra.forEach((name, check) -> checks.put(name, up(check) ? "UP" : "DOWN"));
    return checks;
  }

  /** True when {@code check} says so; a check that throws is down. */
  public static boolean up(BooleanSupplier check) {
    try {
      return check.getAsBoolean();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** True when a connection of {@code db} answers. */
  public static boolean databaseUp(Database db) {
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
