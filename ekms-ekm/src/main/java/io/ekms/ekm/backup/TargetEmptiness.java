package io.ekms.ekm.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Whether a restore's target already holds EKM data: any row of a backed-up table, or a keystore
 * row in {@code ekm_meta} (an EKM has served from it). A database that {@code ekms ekm init} made
 * and no EKM served from is empty: its master key file opens nothing yet.
 */
final class TargetEmptiness {
  private TargetEmptiness() {}

  /** Rows per table that has any; empty when the target is. */
  static Map<String, Long> count(Connection c) throws SQLException {
    Map<String, Long> present = new LinkedHashMap<>();
    for (String table : EkmTables.ORDER) {
      String sql = EkmTables.select(table).replaceFirst("^SELECT \\*", "SELECT COUNT(*)");
      try (PreparedStatement ps = c.prepareStatement(sql.replaceFirst(" ORDER BY.*$", ""));
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        long rows = rs.getLong(1);
        if (rows > 0) {
          present.put(table, rows);
        }
      }
    }
    return present;
  }

  static String describe(Map<String, Long> present) {
    StringJoiner out = new StringJoiner(", ");
    present.forEach((table, rows) -> out.add(rows + " in " + table));
    return out.toString();
  }
}
