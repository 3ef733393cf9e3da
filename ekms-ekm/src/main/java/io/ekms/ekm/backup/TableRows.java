package io.ekms.ekm.backup;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The rows of one table as a backup holds them: column names (lower case) and, per row, one value
 * per column, each a {@code String}, {@code Long}, {@code Boolean} or null.
 */
record TableRows(String table, List<String> columns, List<List<Object>> rows) {
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  TableRows {
    if (!NAME.matcher(table).matches() || columns.isEmpty()) {
      throw new IllegalArgumentException("bad table");
    }
    for (String column : columns) {
      if (!NAME.matcher(column).matches()) {
        throw new IllegalArgumentException("bad column name");
      }
    }
    if (columns.stream().distinct().count() != columns.size()) {
      throw new IllegalArgumentException("a column is named twice");
    }
    for (List<Object> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException("a row does not have one value per column");
      }
    }
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /** How many rows have {@code value} in {@code column}. */
  long countWhere(String column, Object value) {
    int i = columns.indexOf(column);
    return i < 0 ? 0 : rows.stream().filter(r -> value.equals(r.get(i))).count();
  }

  /** The value of {@code column} in the row whose {@code keyColumn} is {@code key}, or null. */
  Object lookup(String keyColumn, Object key, String column) {
    int k = columns.indexOf(keyColumn);
    int v = columns.indexOf(column);
    if (k < 0 || v < 0) {
      return null;
    }
    return rows.stream()
        .filter(r -> key.equals(r.get(k)))
        .map(r -> r.get(v))
        .findFirst()
        .orElse(null);
  }
}
