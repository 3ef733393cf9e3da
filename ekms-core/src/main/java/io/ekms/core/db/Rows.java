package io.ekms.core.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JDBC helpers every repository shares, with one convention on H2 and PostgreSQL: times are
 * stored as epoch milliseconds in {@code BIGINT} columns, enums by name, and SQL NULL reads back as
 * {@code null}, never as a made-up value.
 */
public final class Rows {
  /** The typed NULL of a nullable time column, for {@link #bind}. */
  public static final Null NULL_BIGINT = new Null(Types.BIGINT);

  public static final Null NULL_VARCHAR = new Null(Types.VARCHAR);

  private Rows() {}

  /** Maps one row of a result set; may throw {@link SQLException}. */
  @FunctionalInterface
  public interface Mapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /**
   * A typed SQL NULL, for nullable columns that are not text: PostgreSQL refuses a text NULL in a
   * {@code BIGINT} column.
   */
  public record Null(int sqlType) {}

  /** {@code t}, or the typed NULL of a time column when {@code t} is null, for {@link #bind}. */
  public static Object timeOrNull(Instant t) {
    return t == null ? NULL_BIGINT : t;
  }

  /**
   * Binds {@code values} to the parameters of {@code ps} in order: an {@link Instant} as epoch
   * milliseconds, an enum by name, a {@link Null} as that type's NULL, {@code null} as a text NULL,
   * anything else as the driver maps it.
   */
  public static void bind(PreparedStatement ps, Object... values) throws SQLException {
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

  /** Runs the query and maps every row, in the order the database returns them. */
  public static <T> List<T> list(PreparedStatement ps, Mapper<T> mapper) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(mapper.map(rs));
      }
      return out;
    }
  }

  /** Runs the query and maps its first row, if there is one. */
  public static <T> Optional<T> one(PreparedStatement ps, Mapper<T> mapper) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(mapper.map(rs)) : Optional.empty();
    }
  }

  /** The time in epoch-millisecond column {@code column}; {@code null} when it is SQL NULL. */
  public static Instant time(ResultSet rs, String column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }
}
