package io.ekms.ekm.store;

import io.ekms.core.db.Rows;
import io.ekms.ekm.domain.Vault;
import io.ekms.ekm.domain.VaultState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** External vaults. */
public final class VaultRepository {
  private static final String COLUMNS =
      "id, name, issuer_id, client_id, state, created_at, updated_at";

  public void insert(Connection c, Vault v) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO ekm_vaults (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      Rows.bind(
          ps,
          v.id(),
          v.name(),
          v.issuerId(),
          v.clientId(),
          v.state(),
          v.createdAt(),
          v.updatedAt());
      ps.executeUpdate();
    }
  }

  public void updateState(Connection c, Vault v) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE ekm_vaults SET state = ?, updated_at = ? WHERE id = ?")) {
      Rows.bind(ps, v.state(), v.updatedAt(), v.id());
      ps.executeUpdate();
    }
  }

  public Optional<Vault> find(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM ekm_vaults WHERE id = ?")) {
      Rows.bind(ps, id);
      return Rows.one(ps, VaultRepository::map);
    }
  }

  public List<Vault> list(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM ekm_vaults ORDER BY created_at, id")) {
      return Rows.list(ps, VaultRepository::map);
    }
  }

  /** How many vaults trust issuer {@code issuerId}, whatever their state. */
  public int countByIssuer(Connection c, String issuerId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT COUNT(*) FROM ekm_vaults WHERE issuer_id = ?")) {
      Rows.bind(ps, issuerId);
      return Rows.one(ps, rs -> rs.getInt(1)).orElse(0);
    }
  }

  static Vault map(ResultSet rs) throws SQLException {
    return new Vault(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("issuer_id"),
        rs.getString("client_id"),
        VaultState.valueOf(rs.getString("state")),
        Rows.time(rs, "created_at"),
        Rows.time(rs, "updated_at"));
  }
}
