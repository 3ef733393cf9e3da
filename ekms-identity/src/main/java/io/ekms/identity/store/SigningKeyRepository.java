package io.ekms.identity.store;

import io.ekms.core.db.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** JDBC access to {@code identity_signing_keys}. */
public final class SigningKeyRepository {
  private static final String COLUMNS =
      "kid, public_jwk, sealed_private, created_at, superseded_at, retire_at, max_lifetime_seconds";

  public void insert(Connection c, StoredKey key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO identity_signing_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      Rows.bind(
          ps,
          key.kid(),
          key.publicJwk(),
          key.sealedPrivate(),
          key.createdAt(),
          Rows.timeOrNull(key.supersededAt()),
          Rows.timeOrNull(key.retireAt()),
          key.maxLifetimeSeconds());
      ps.executeUpdate();
    }
  }

  /** Every stored key, oldest first. */
  public List<StoredKey> all(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM identity_signing_keys ORDER BY created_at, kid")) {
      return Rows.list(ps, SigningKeyRepository::map);
    }
  }

  /**
   * Marks the current key {@code kid} superseded and erases its sealed private key; returns false
   * when {@code kid} is not the current key any more.
   */
  public boolean supersede(Connection c, String kid, Instant at, Instant retireAt)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE identity_signing_keys SET superseded_at = ?, retire_at = ?,"
                + " sealed_private = NULL WHERE kid = ? AND superseded_at IS NULL")) {
      Rows.bind(ps, at, Rows.timeOrNull(retireAt), kid);
      return ps.executeUpdate() == 1;
    }
  }

  /** Raises the recorded longest token lifetime of {@code kid} to at least {@code seconds}. */
  public void raiseMaxLifetime(Connection c, String kid, int seconds) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE identity_signing_keys SET max_lifetime_seconds = ?"
                + " WHERE kid = ? AND max_lifetime_seconds < ?")) {
      Rows.bind(ps, seconds, kid, seconds);
      ps.executeUpdate();
    }
  }

  /** Deletes keys whose retirement time is at or before {@code now}; returns how many. */
  public int deleteRetired(Connection c, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM identity_signing_keys WHERE retire_at IS NOT NULL AND retire_at <= ?")) {
      Rows.bind(ps, now);
      return ps.executeUpdate();
    }
  }

  private static StoredKey map(ResultSet rs) throws SQLException {
    return new StoredKey(
        rs.getString("kid"),
        rs.getString("public_jwk"),
        rs.getString("sealed_private"),
        Rows.time(rs, "created_at"),
        Rows.time(rs, "superseded_at"),
        Rows.time(rs, "retire_at"),
        rs.getInt("max_lifetime_seconds"));
  }
}
