package io.ekms.kms.store;

import io.ekms.core.db.Rows;
import io.ekms.kms.domain.KeyVersion;
import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.domain.Page;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Key version references. */
public final class KeyVersionRepository {
  private static final String COLUMNS =
      "id, key_id, vault_id, compartment_id,"
          + " external_key_version_id, state, created_at, updated_at, deletion_at";

  public void insert(Connection c, KeyVersion v) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO kms_key_versions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      Rows.bind(
          ps,
          v.id(),
          v.keyId(),
          v.vaultId(),
          v.compartmentId(),
          v.externalKeyVersionId(),
          v.state(),
          v.timeCreated(),
          v.timeUpdated(),
          Rows.timeOrNull(v.timeOfDeletion()));
      ps.executeUpdate();
    }
  }

  public void update(Connection c, KeyVersion v) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE kms_key_versions SET state = ?,"
                + " updated_at = ?, deletion_at = ? WHERE id = ?")) {
      Rows.bind(ps, v.state(), v.timeUpdated(), Rows.timeOrNull(v.timeOfDeletion()), v.id());
      ps.executeUpdate();
    }
  }

  public Optional<KeyVersion> find(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM kms_key_versions WHERE id = ?")) {
      Rows.bind(ps, id);
      return Rows.one(ps, KeyVersionRepository::map);
    }
  }

  public List<KeyVersion> list(Connection c, String keyId, Page page) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM kms_key_versions WHERE key_id = ? AND "
                + Paged.condition(page)
                + " ORDER BY created_at, id LIMIT "
                + page.limit())) {
      Rows.bind(ps, Queries.concat(keyId, Paged.parameters(page)));
      return Rows.list(ps, KeyVersionRepository::map);
    }
  }

  /** Every version of a key (for deleting the key). */
  public List<KeyVersion> listAll(Connection c, String keyId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM kms_key_versions WHERE key_id = ? ORDER BY created_at, id")) {
      Rows.bind(ps, keyId);
      return Rows.list(ps, KeyVersionRepository::map);
    }
  }

  public List<KeyVersion> dueForDeletion(Connection c, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM kms_key_versions WHERE state = 'PENDING_DELETION' AND deletion_at <= ?")) {
      Rows.bind(ps, now);
      return Rows.list(ps, KeyVersionRepository::map);
    }
  }

  public int countInVault(Connection c, String vaultId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*) FROM kms_key_versions"
                + " WHERE vault_id = ? AND state <> 'DELETED'")) {
      Rows.bind(ps, vaultId);
      return Rows.one(ps, rs -> rs.getInt(1)).orElse(0);
    }
  }

  static KeyVersion map(ResultSet rs) throws SQLException {
    return new KeyVersion(
        rs.getString("id"),
        rs.getString("key_id"),
        rs.getString("vault_id"),
        rs.getString("compartment_id"),
        rs.getString("external_key_version_id"),
        Lifecycle.valueOf(rs.getString("state")),
        Rows.time(rs, "created_at"),
        Rows.time(rs, "updated_at"),
        Rows.time(rs, "deletion_at"));
  }
}
