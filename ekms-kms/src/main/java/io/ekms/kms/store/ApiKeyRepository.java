package io.ekms.kms.store;

import io.ekms.core.db.Rows;
import io.ekms.kms.domain.ApiKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Users' API signing keys ({@code kms_api_key}): public keys only, by user and fingerprint. */
public final class ApiKeyRepository {
  private static final String COLUMNS = "principal_id, fingerprint, public_key_pem, created_at";

  /** The key a signature's keyId names, with its user's tenancy (the verifier compares it). */
  public record SigningKey(String tenancyId, String publicKeyPem) {}

  /** Inserts {@code key}; the same fingerprint twice for one user is a constraint violation. */
  public void insert(Connection c, ApiKey key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO kms_api_key (" + COLUMNS + ") VALUES (?, ?, ?, ?)")) {
      Rows.bind(ps, key.userId(), key.fingerprint(), key.publicKeyPem(), key.createdAt());
      ps.executeUpdate();
    }
  }

  /** Deletes one key; true when it existed. */
  public boolean delete(Connection c, String userId, String fingerprint) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM kms_api_key WHERE principal_id = ? AND fingerprint = ?")) {
      Rows.bind(ps, userId, fingerprint);
      return ps.executeUpdate() > 0;
    }
  }

  public List<ApiKey> listByUser(Connection c, String userId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM kms_api_key WHERE principal_id = ? ORDER BY created_at, fingerprint")) {
      Rows.bind(ps, userId);
      return Rows.list(ps, ApiKeyRepository::map);
    }
  }

  /** One primary-key look-up joined to the user: the hot path of every signed request. */
  public Optional<SigningKey> findSigningKey(Connection c, String userId, String fingerprint)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT p.tenancy_id, k.public_key_pem FROM kms_api_key k"
                + " JOIN kms_principal p ON p.id = k.principal_id"
                + " WHERE k.principal_id = ? AND k.fingerprint = ?")) {
      Rows.bind(ps, userId, fingerprint);
      return Rows.one(
          ps, rs -> new SigningKey(rs.getString("tenancy_id"), rs.getString("public_key_pem")));
    }
  }

  private static ApiKey map(ResultSet rs) throws SQLException {
    return new ApiKey(
        rs.getString("principal_id"),
        rs.getString("fingerprint"),
        rs.getString("public_key_pem"),
        Rows.time(rs, "created_at"));
  }
}
