package io.ekms.kms.store;

import io.ekms.core.db.Rows;
import io.ekms.kms.domain.User;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Users who may call the KMS ({@code kms_principal}). */
public final class PrincipalRepository {
  private static final String COLUMNS = "id, tenancy_id, name, created_at";

  /** Inserts {@code user}; a duplicate id or (tenancy, name) is a constraint violation. */
  public void insert(Connection c, User user) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO kms_principal (" + COLUMNS + ") VALUES (?, ?, ?, ?)")) {
      Rows.bind(ps, user.id(), user.tenancyId(), user.name(), user.createdAt());
      ps.executeUpdate();
    }
  }

  public Optional<User> find(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM kms_principal WHERE id = ?")) {
      Rows.bind(ps, id);
      return Rows.one(ps, PrincipalRepository::map);
    }
  }

  /**
   * Locks the user's row until the transaction ends, so changes to its keys and grants cannot
   * interleave with another transaction that checked the same user.
   */
  public Optional<User> findForUpdate(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM kms_principal WHERE id = ? FOR UPDATE")) {
      Rows.bind(ps, id);
      return Rows.one(ps, PrincipalRepository::map);
    }
  }

  /** The users of {@code tenancyId}, by name. */
  public List<User> listByTenancy(Connection c, String tenancyId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM kms_principal WHERE tenancy_id = ? ORDER BY name, id")) {
      Rows.bind(ps, tenancyId);
      return Rows.list(ps, PrincipalRepository::map);
    }
  }

  private static User map(ResultSet rs) throws SQLException {
    return new User(
        rs.getString("id"),
        rs.getString("tenancy_id"),
        rs.getString("name"),
        Rows.time(rs, "created_at"));
  }
}
