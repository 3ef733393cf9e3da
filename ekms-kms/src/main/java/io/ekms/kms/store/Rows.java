package io.ekms.kms.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small JDBC helpers shared by the KMS repositories. */
final class Rows {
  private Rows() {}

  /** Maps one row; may throw {@link SQLException}. */
  @FunctionalInterface
  interface Mapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** A typed SQL NULL, for nullable non-text columns (PostgreSQL insists on the type). */
  record Null(int sqlType) {}

  static final Null NULL_BIGINT = new Null(Types.BIGINT);

  /** An Instant or a typed NULL, for nullable time columns. */
  static Object timeOrNull(Instant t) {
    return t == null ? NULL_BIGINT : t;
  }

  static void bind(PreparedStatement ps, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      switch (v) {
        case null -> ps.setNull(i + 1, Types.VARCHAR);
        case Null n -> ps.setNull(i + 1, n.sqlType());
        case Instant t -> ps.setLong(i + 1, t.toEpochMilli());
        case Enum<?> e -> ps.setString(i + 1, e.name());
        default -> ps.setObject(i + 1, v);
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
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }
}
