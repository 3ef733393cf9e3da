package io.ekms.ekm.store;

import io.ekms.core.db.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code ekm_key_deletions} table: which keys are scheduled for deletion, and when. */
public final class KeyDeletionRepository {
  /** A scheduled deletion. */
  public record Scheduled(String keyId, String vaultId, Instant deletionTime) {}

  public void insert(Connection c, Scheduled s, Instant at, String by) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO ekm_key_deletions (key_id, vault_id, deletion_time, scheduled_at,"
                + " scheduled_by) VALUES (?, ?, ?, ?, ?)")) {
      Rows.bind(ps, s.keyId(), s.vaultId(), s.deletionTime().toEpochMilli(), at.toEpochMilli(), by);
      ps.executeUpdate();
    }
  }

  public Optional<Scheduled> find(Connection c, String keyId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT key_id, vault_id, deletion_time FROM ekm_key_deletions WHERE key_id = ?")) {
      Rows.bind(ps, keyId);
      return Rows.one(
          ps,
          rs -> new Scheduled(rs.getString(1), rs.getString(2), Rows.time(rs, "deletion_time")));
    }
  }

  /** The deletions due at {@code now}, the earliest first, at most {@code limit}. */
  public List<Scheduled> due(Connection c, Instant now, int limit) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT key_id, vault_id, deletion_time FROM ekm_key_deletions"
                + " WHERE deletion_time <= ? ORDER BY deletion_time, key_id LIMIT ?")) {
      Rows.bind(ps, now.toEpochMilli(), limit);
      return Rows.list(
          ps,
          rs -> new Scheduled(rs.getString(1), rs.getString(2), Rows.time(rs, "deletion_time")));
    }
  }

  public boolean delete(Connection c, String keyId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM ekm_key_deletions WHERE key_id = ?")) {
      Rows.bind(ps, keyId);
      return ps.executeUpdate() == 1;
    }
  }
}
