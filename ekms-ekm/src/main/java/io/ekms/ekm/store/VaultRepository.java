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

  /** Writes the vault's issuer and client. */
  public void updateBinding(Connection c, Vault v) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE ekm_vaults SET issuer_id = ?, client_id = ?, updated_at = ? WHERE id = ?")) {
      Rows.bind(ps, v.issuerId(), v.clientId(), v.updatedAt(), v.id());
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

  /** Up to {@code page.limit()} vaults after the page's cursor, oldest first. */
  public List<Vault> page(Connection c, PageQuery page) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM ekm_vaults WHERE 1 = 1"
                + page.condition()
                + " ORDER BY created_at, id LIMIT "
                + page.limit())) {
      Rows.bind(ps, page.parameters());
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

  /**
   * What keeps a vault from being deleted: its keys that are not DELETED, the XKS and Google
   * key-store exposures of its keys, and the key-access policies attached to it or to its keys.
   */
  public record Dependents(int liveKeys, int exposures, int policies) {
    public boolean none() {
      return liveKeys == 0 && exposures == 0 && policies == 0;
    }
  }

  public Dependents dependents(Connection c, String vaultId) throws SQLException {
    String itsKeys = "(SELECT id FROM ekm_keys WHERE vault_id = ?)";
    return new Dependents(
        count(
            c, "SELECT COUNT(*) FROM ekm_keys WHERE vault_id = ? AND state <> 'DELETED'", vaultId),
        count(
                c,
                "SELECT COUNT(*) FROM ekm_xks_keys WHERE vault_id = ? OR key_id IN " + itsKeys,
                vaultId,
                vaultId)
            + count(
                c,
                "SELECT COUNT(*) FROM ekm_gcp_keys WHERE vault_id = ? OR key_id IN " + itsKeys,
                vaultId,
                vaultId),
        count(
            c,
            "SELECT COUNT(*) FROM ekm_policies WHERE (scope = 'VAULT' AND scope_id = ?)"
                + " OR (scope = 'KEY' AND scope_id IN "
                + itsKeys
                + ")",
            vaultId,
            vaultId));
  }

  /**
   * Deletes a vault with its DELETED keys and their versions, children first; false when there is
   * no such vault. A key that is not DELETED, or one still exposed, keeps the vault: a constraint
   * violation, so the caller's transaction deletes nothing ({@link #dependents} says why first).
   */
  public boolean deleteWithDeletedKeys(Connection c, String vaultId) throws SQLException {
    String deletedKeys = "(SELECT id FROM ekm_keys WHERE vault_id = ? AND state = 'DELETED')";
    update(c, "DELETE FROM ekm_key_versions WHERE key_id IN " + deletedKeys, vaultId);
    update(c, "DELETE FROM ekm_keys WHERE vault_id = ? AND state = 'DELETED'", vaultId);
    return update(c, "DELETE FROM ekm_vaults WHERE id = ?", vaultId) == 1;
  }

  private static int count(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Rows.bind(ps, values);
      return Rows.one(ps, rs -> rs.getInt(1)).orElse(0);
    }
  }

  private static int update(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Rows.bind(ps, values);
      return ps.executeUpdate();
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
