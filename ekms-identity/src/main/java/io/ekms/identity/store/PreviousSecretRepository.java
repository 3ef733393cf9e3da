package io.ekms.identity.store;

import io.ekms.core.db.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code identity_client_previous_secrets}: the hash of a client's secret before its latest
 * rotation and until when it is still accepted.
 */
public final class PreviousSecretRepository {
  /** A previous secret's hash and the end of its grace. */
  public record Previous(String secretSha256, Instant expiresAt) {}

  public Optional<Previous> find(Connection c, String clientId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT secret_sha256, expires_at FROM identity_client_previous_secrets"
                + " WHERE client_id = ?")) {
      Rows.bind(ps, clientId);
      return Rows.one(ps, rs -> new Previous(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))));
    }
  }

  /** Replaces the client's previous secret by {@code previous} (null: none is kept). */
  public void replace(Connection c, String clientId, Previous previous) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM identity_client_previous_secrets WHERE client_id = ?")) {
      Rows.bind(ps, clientId);
      ps.executeUpdate();
    }
    if (previous == null) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO identity_client_previous_secrets (client_id, secret_sha256, expires_at)"
                + " VALUES (?, ?, ?)")) {
      Rows.bind(ps, clientId, previous.secretSha256(), previous.expiresAt().toEpochMilli());
      ps.executeUpdate();
    }
  }
}
