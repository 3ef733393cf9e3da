package io.ekms.ekm.store;

import io.ekms.core.db.Rows;
import io.ekms.ekm.domain.KeyHandle;
import io.ekms.ekm.domain.KeyVersion;
import io.ekms.ekm.domain.KeyVersionState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Key versions and their backend handles. */
public final class KeyVersionRepository {
  static final String COLUMNS =
      "id, key_id, version_number, state, backend, handle, created_at, updated_at";

  public void insert(Connection c, KeyVersion v, String backend) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO ekm_key_versions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      Rows.bind(
          ps,
          v.id(),
          v.keyId(),
          v.number(),
          v.state(),
          backend,
          v.handle().reference(),
          v.createdAt(),
          v.updatedAt());
      ps.executeUpdate();
    }
  }

  /** Stores the new state; a destroyed version's handle is erased in the same statement. */
  public void updateState(Connection c, KeyVersion v) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE ekm_key_versions SET state = ?, handle = ?, updated_at = ? WHERE id = ?")) {
      Rows.bind(
          ps, v.state(), v.handle() == null ? null : v.handle().reference(), v.updatedAt(), v.id());
      ps.executeUpdate();
    }
  }

  public Optional<KeyVersion> find(Connection c, String keyId, String versionId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM ekm_key_versions WHERE key_id = ? AND id = ?")) {
      Rows.bind(ps, keyId, versionId);
      return Rows.one(ps, KeyVersionRepository::map);
    }
  }

  public List<KeyVersion> list(Connection c, String keyId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM ekm_key_versions WHERE key_id = ? ORDER BY version_number")) {
      Rows.bind(ps, keyId);
      return Rows.list(ps, KeyVersionRepository::map);
    }
  }

  public int maxNumber(Connection c, String keyId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COALESCE(MAX(version_number), 0) FROM ekm_key_versions WHERE key_id = ?")) {
      Rows.bind(ps, keyId);
      return Rows.one(ps, rs -> rs.getInt(1)).orElse(0);
    }
  }

  static KeyVersion map(ResultSet rs) throws SQLException {
    String handle = rs.getString("handle");
    return new KeyVersion(
        rs.getString("id"),
        rs.getString("key_id"),
        rs.getInt("version_number"),
        KeyVersionState.valueOf(rs.getString("state")),
        handle == null ? null : new KeyHandle(rs.getString("backend"), handle),
        Rows.time(rs, "created_at"),
        Rows.time(rs, "updated_at"));
  }
}
