package io.ekms.kms.store;

import io.ekms.core.db.Rows;
import io.ekms.kms.domain.Grant;
import io.ekms.kms.domain.Permission;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Per-compartment grants ({@code kms_grant}): at most one per user and compartment. */
public final class GrantRepository {
  private static final String COLUMNS = "principal_id, compartment_id, permission, granted_at";

  /**
   * Sets the user's grant on the compartment, replacing any earlier one. Callers serialize writes
   * for one user (see {@link PrincipalRepository#findForUpdate}), so update-then-insert cannot race
   * with itself.
   */
  public void put(Connection c, Grant grant) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE kms_grant SET permission = ?, granted_at = ?"
                + " WHERE principal_id = ? AND compartment_id = ?")) {
      Rows.bind(
          update, grant.permission(), grant.grantedAt(), grant.userId(), grant.compartmentId());
      if (update.executeUpdate() > 0) {
        return;
      }
    }
    try (PreparedStatement insert =
        c.prepareStatement("INSERT INTO kms_grant (" + COLUMNS + ") VALUES (?, ?, ?, ?)")) {
      Rows.bind(
          insert, grant.userId(), grant.compartmentId(), grant.permission(), grant.grantedAt());
      insert.executeUpdate();
    }
  }

  /** Deletes the user's grant on the compartment; true when there was one. */
  public boolean delete(Connection c, String userId, String compartmentId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM kms_grant WHERE principal_id = ? AND compartment_id = ?")) {
      Rows.bind(ps, userId, compartmentId);
      return ps.executeUpdate() > 0;
    }
  }

  public Optional<Permission> find(Connection c, String userId, String compartmentId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT permission FROM kms_grant WHERE principal_id = ? AND compartment_id = ?")) {
      Rows.bind(ps, userId, compartmentId);
      return Rows.one(ps, rs -> Permission.valueOf(rs.getString("permission")));
    }
  }

  public List<Grant> listByUser(Connection c, String userId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM kms_grant WHERE principal_id = ? ORDER BY compartment_id")) {
      Rows.bind(ps, userId);
      return Rows.list(ps, GrantRepository::map);
    }
  }

  private static Grant map(ResultSet rs) throws SQLException {
    return new Grant(
        rs.getString("principal_id"),
        rs.getString("compartment_id"),
        Permission.valueOf(rs.getString("permission")),
        Rows.time(rs, "granted_at"));
  }
}
