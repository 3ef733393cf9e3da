package io.ekms.kms.store;

import io.ekms.core.db.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Answers remembered for {@code opc-retry-token}s, per principal. */
public final class RetryTokenRepository {
  /** A remembered request: its hash, and its answer once complete (status 0 = in progress). */
  public record Entry(String operation, String requestHash, int status, String response) {}

  /** Claims the token; false when it is already claimed. */
  public boolean claim(
      Connection c, String principal, String token, String operation, String hash, Instant now)
      throws SQLException {
    if (find(c, principal, token).isPresent()) {
      return false;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO kms_retry_tokens (principal_id,"
                + " retry_token, operation, request_hash, status, response, created_at)"
                + " VALUES (?, ?, ?, ?, 0, '', ?)")) {
      Rows.bind(ps, principal, token, operation, hash, now);
      ps.executeUpdate();
      return true;
    }
  }

  public Optional<Entry> find(Connection c, String principal, String token) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT operation, request_hash, status,"
                + " response FROM kms_retry_tokens WHERE principal_id = ? AND retry_token = ?")) {
      Rows.bind(ps, principal, token);
      return Rows.one(
          ps, rs -> new Entry(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)));
    }
  }

  public void complete(Connection c, String principal, String token, int status, String response)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE kms_retry_tokens SET status = ?,"
                + " response = ? WHERE principal_id = ? AND retry_token = ?")) {
      Rows.bind(ps, status, response, principal, token);
      ps.executeUpdate();
    }
  }

  public void release(Connection c, String principal, String token) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM kms_retry_tokens WHERE principal_id = ? AND retry_token = ?")) {
      Rows.bind(ps, principal, token);
      ps.executeUpdate();
    }
  }

  public int expire(Connection c, Instant before) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM kms_retry_tokens WHERE created_at < ?")) {
      Rows.bind(ps, before);
      return ps.executeUpdate();
    }
  }
}
