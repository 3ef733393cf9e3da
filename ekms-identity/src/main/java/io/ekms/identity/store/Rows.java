package io.ekms.identity.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small JDBC helpers shared by the identity repositories. Times are stored as epoch millis. */
final class Rows {
  private Rows() {}

  /** Maps one row of a result set; may throw {@link SQLException}. */
  @FunctionalInterface
  interface Mapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  static void bind(PreparedStatement ps, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      if (v instanceof Instant t) {
        ps.setLong(i + 1, t.toEpochMilli());
      } else {
        ps.setObject(i + 1, v);
      }
    }
  }

  static <T> List<T> list(PreparedStatement ps, Mapper<T> mapper) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(mapper.map(rs));
      }
      return out;
    }
  }

  static <T> Optional<T> one(PreparedStatement ps, Mapper<T> mapper) throws SQLException {
    List<T> all = list(ps, mapper);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  static Instant time(ResultSet rs, String column) throws SQLException {
    return Instant.ofEpochMilli(rs.getLong(column));
  }

  /** A nullable time column. */
  static Instant timeOrNull(ResultSet rs, String column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }
}
