package io.ekms.kms.store;

import io.ekms.core.db.Rows;
import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.domain.Page;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Key references. */
public final class KeyRepository {
  private static final String COLUMNS =
      "id, vault_id, compartment_id, display_name, length_bytes,"
          + " state, state_before_del, current_version_id, external_key_id, created_at, updated_at,"
          + " deletion_at";

  public void insert(Connection c, Key k) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO kms_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      Rows.bind(
          ps,
          k.id(),
          k.vaultId(),
          k.compartmentId(),
          k.displayName(),
          k.lengthBytes(),
          k.state(),
          k.stateBeforeDeletion(),
          k.currentVersionId(),
          k.externalKeyId(),
          k.timeCreated(),
          k.timeUpdated(),
          Rows.timeOrNull(k.timeOfDeletion()));
      ps.executeUpdate();
    }
  }

  public void update(Connection c, Key k) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE kms_keys SET display_name = ?,"
                + " state = ?, state_before_del = ?, current_version_id = ?, updated_at = ?,"
                + " deletion_at = ? WHERE id = ?")) {
      Rows.bind(
          ps,
          k.displayName(),
          k.state(),
          k.stateBeforeDeletion(),
          k.currentVersionId(),
          k.timeUpdated(),
          Rows.timeOrNull(k.timeOfDeletion()),
          k.id());
      ps.executeUpdate();
    }
  }

  public Optional<Key> find(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM kms_keys WHERE id = ?")) {
      Rows.bind(ps, id);
      return Rows.one(ps, KeyRepository::map);
    }
  }

  public Optional<Key> findForUpdate(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM kms_keys WHERE id = ? FOR UPDATE")) {
      Rows.bind(ps, id);
      return Rows.one(ps, KeyRepository::map);
    }
  }

  public List<Key> list(Connection c, String vaultId, String compartmentId, Page page)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM kms_keys"
                + " WHERE vault_id = ? AND compartment_id = ? AND "
                + Paged.condition(page)
                + " ORDER BY created_at, id LIMIT "
                + page.limit())) {
      Rows.bind(ps, Queries.concat(vaultId, compartmentId, Paged.parameters(page)));
      return Rows.list(ps, KeyRepository::map);
    }
  }

  /** Every key of a vault, whatever its compartment or state (for deleting the vault). */
  public List<Key> listAllInVault(Connection c, String vaultId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM kms_keys WHERE vault_id = ? ORDER BY created_at, id")) {
      Rows.bind(ps, vaultId);
      return Rows.list(ps, KeyRepository::map);
    }
  }

  public int countInVault(Connection c, String vaultId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*) FROM kms_keys WHERE vault_id = ? AND state <> 'DELETED'")) {
      Rows.bind(ps, vaultId);
      return Rows.one(ps, rs -> rs.getInt(1)).orElse(0);
    }
  }

  /** Up to {@code limit} ENABLED keys with ids after {@code afterId} ("" for the first), by id. */
  public List<Key> enabledAfter(Connection c, String afterId, int limit) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM kms_keys WHERE state = 'ENABLED' AND id > ? ORDER BY id LIMIT "
                + limit)) {
      Rows.bind(ps, afterId);
      return Rows.list(ps, KeyRepository::map);
    }
  }

  public List<Key> dueForDeletion(Connection c, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM kms_keys"
                + " WHERE state = 'PENDING_DELETION' AND deletion_at <= ?")) {
      Rows.bind(ps, now);
      return Rows.list(ps, KeyRepository::map);
    }
  }

  static Key map(ResultSet rs) throws SQLException {
    String before = rs.getString("state_before_del");
    return new Key(
        rs.getString("id"),
        rs.getString("vault_id"),
        rs.getString("compartment_id"),
        rs.getString("display_name"),
        rs.getInt("length_bytes"),
        Lifecycle.valueOf(rs.getString("state")),
        before == null ? null : Lifecycle.valueOf(before),
        rs.getString("current_version_id"),
        rs.getString("external_key_id"),
        Rows.time(rs, "created_at"),
        Rows.time(rs, "updated_at"),
        Rows.time(rs, "deletion_at"));
  }
}
