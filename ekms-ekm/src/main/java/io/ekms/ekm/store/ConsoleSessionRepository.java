package io.ekms.ekm.store;

import io.ekms.core.db.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Console sessions by the SHA-256 of their cookie; the cookie itself is never stored. */
public final class ConsoleSessionRepository {
  /** A stored session: who, since when, last seen when. */
  public record Row(String idSha256, String administrator, Instant createdAt, Instant lastSeenAt) {}

  public void insert(Connection c, Row row) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO ekm_console_sessions (id_sha256, administrator, created_at, last_seen_at)"
                + " VALUES (?, ?, ?, ?)")) {
      Rows.bind(
          ps,
          row.idSha256(),
          row.administrator(),
          row.createdAt().toEpochMilli(),
          row.lastSeenAt().toEpochMilli());
      ps.executeUpdate();
    }
  }

  public Optional<Row> find(Connection c, String idSha256) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id_sha256, administrator, created_at, last_seen_at"
                + " FROM ekm_console_sessions WHERE id_sha256 = ?")) {
      Rows.bind(ps, idSha256);
      return Rows.one(
          ps,
          rs ->
              new Row(
                  rs.getString(1),
                  rs.getString(2),
                  Instant.ofEpochMilli(rs.getLong(3)),
                  Instant.ofEpochMilli(rs.getLong(4))));
    }
  }

  public void touch(Connection c, String idSha256, Instant at) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE ekm_console_sessions SET last_seen_at = ? WHERE id_sha256 = ?")) {
      Rows.bind(ps, at.toEpochMilli(), idSha256);
      ps.executeUpdate();
    }
  }

  public boolean delete(Connection c, String idSha256) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM ekm_console_sessions WHERE id_sha256 = ?")) {
      Rows.bind(ps, idSha256);
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Deletes the sessions idle since before {@code idleBefore} or started before {@code
   * startedBefore}.
   */
  public int deleteExpired(Connection c, Instant idleBefore, Instant startedBefore)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM ekm_console_sessions WHERE last_seen_at < ? OR created_at < ?")) {
      Rows.bind(ps, idleBefore.toEpochMilli(), startedBefore.toEpochMilli());
      return ps.executeUpdate();
    }
  }
}
