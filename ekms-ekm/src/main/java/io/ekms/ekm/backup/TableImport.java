package io.ekms.ekm.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Writes a backup's rows into a target database, in one transaction its caller holds. Each value is
 * bound as the target column's type; a column the target does not have refuses the restore (the
 * backup was made by a newer EKM).
 */
final class TableImport {
  private TableImport() {}

  /** The target's columns of {@code table} and their JDBC types. */
  static Map<String, Integer> columns(Connection c, String table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table + " WHERE 1 = 0");
        ResultSet rs = ps.executeQuery()) {
      ResultSetMetaData meta = rs.getMetaData();
      Map<String, Integer> columns = new HashMap<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), meta.getColumnType(i));
      }
      return columns;
    }
  }

  /** Refuses before anything is written when the target lacks a column the backup has. */
  static void requireColumns(Connection c, List<TableRows> tables) throws SQLException {
    for (TableRows t : tables) {
      Map<String, Integer> target = columns(c, t.table());
      for (String column : t.columns()) {
        if (!target.containsKey(column)) {
          throw BackupRefusedException.refused(
              "this backup has column "
                  + column
                  + " of "
                  + t.table()
                  + ", which this EKM's database lacks; restore it with the ekms version that"
                  + " made it, or a newer one.");
        }
      }
    }
  }

  static void insert(Connection c, TableRows t) throws SQLException {
    if (t.rows().isEmpty()) {
      return;
    }
    Map<String, Integer> types = columns(c, t.table());
    StringJoiner names = new StringJoiner(", ");
    StringJoiner marks = new StringJoiner(", ");
    t.columns().forEach(n -> names.add(n));
    t.columns().forEach(n -> marks.add("?"));
    String sql = "INSERT INTO " + t.table() + " (" + names + ") VALUES (" + marks + ")";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (List<Object> row : t.rows()) {
        for (int i = 0; i < row.size(); i++) {
          bind(ps, i + 1, types.get(t.columns().get(i)), row.get(i));
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void bind(PreparedStatement ps, int i, int type, Object value)
      throws SQLException {
    if (value == null) {
      ps.setNull(i, type);
      return;
    }
    switch (type) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER ->
          ps.setInt(i, Math.toIntExact(as(value, Long.class)));
      case Types.BIGINT -> ps.setLong(i, as(value, Long.class));
      case Types.BOOLEAN, Types.BIT -> ps.setBoolean(i, as(value, Boolean.class));
      default -> ps.setString(i, as(value, String.class));
    }
  }

  private static <T> T as(Object value, Class<T> type) {
    if (type.isInstance(value)) {
      return type.cast(value);
    }
    throw BackupRefusedException.notAuthentic("the backup's payload is malformed.");
  }
}
