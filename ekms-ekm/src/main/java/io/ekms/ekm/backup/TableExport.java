package io.ekms.ekm.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the backed-up tables ({@link EkmTables}) column by column as the database holds them, so a
 * column added by a later migration is carried without code here knowing it. Called inside one
 * repeatable-read transaction, so the tables are read as of one moment even while other nodes
 * change them (PostgreSQL).
 */
final class TableExport {
  private TableExport() {}

  static List<TableRows> readAll(Connection c) throws SQLException {
    List<TableRows> tables = new ArrayList<>();
    for (String table : EkmTables.ORDER) {
      tables.add(read(c, table));
    }
    return tables;
  }

  private static TableRows read(Connection c, String table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(EkmTables.select(table));
        ResultSet rs = ps.executeQuery()) {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
      }
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>(columns.size());
        for (int i = 1; i <= columns.size(); i++) {
          row.add(value(rs, i, meta.getColumnType(i), table));
        }
        rows.add(row);
      }
      return new TableRows(table, columns, rows);
    }
  }

  private static Object value(ResultSet rs, int i, int type, String table) throws SQLException {
    Object value =
        switch (type) {
          case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> rs.getLong(i);
          case Types.BOOLEAN, Types.BIT -> rs.getBoolean(i);
          case Types.CHAR,
              Types.VARCHAR,
              Types.LONGVARCHAR,
              Types.NCHAR,
              Types.NVARCHAR,
              Types.LONGNVARCHAR,
              Types.CLOB,
              Types.NCLOB ->
              rs.getString(i);
          default ->
              throw new IllegalStateException(
                  "column " + i + " of " + table + " has a type backups do not carry: " + type);
        };
    return rs.wasNull() ? null : value;
  }
}
