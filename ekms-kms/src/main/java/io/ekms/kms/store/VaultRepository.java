package io.ekms.kms.store;

import io.ekms.core.db.Rows;
import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.domain.Page;
import io.ekms.kms.domain.Vault;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** External vaults. */
public final class VaultRepository {
  private static final String COLUMNS =
      "id, compartment_id, display_name, state, ekm_vault_url,"
          + " private_endpoint_id, idcs_url, client_app_id, sealed_secret, vendor, created_at,"
          + " updated_at, deletion_at";

  public void insert(Connection c, Vault v) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO kms_vaults ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      Rows.bind(
          ps,
          v.id(),
          v.compartmentId(),
          v.displayName(),
          v.state(),
          v.externalVaultEndpointUrl(),
          v.privateEndpointId(),
          v.idcsAccountNameUrl(),
          v.clientAppId(),
          v.sealedSecret(),
          v.vendor(),
          v.timeCreated(),
          v.timeUpdated(),
          Rows.timeOrNull(v.timeOfDeletion()));
      ps.executeUpdate();
    }
  }

  public void update(Connection c, Vault v) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE kms_vaults SET display_name = ?,"
                + " state = ?, updated_at = ?, deletion_at = ? WHERE id = ?")) {
      Rows.bind(
          ps,
          v.displayName(),
          v.state(),
          v.timeUpdated(),
          Rows.timeOrNull(v.timeOfDeletion()),
          v.id());
      ps.executeUpdate();
    }
  }

  public Optional<Vault> find(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM kms_vaults WHERE id = ?")) {
      Rows.bind(ps, id);
      return Rows.one(ps, VaultRepository::map);
    }
  }

  /** The vault, its row locked until the transaction ends. */
  public Optional<Vault> findForUpdate(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM kms_vaults WHERE id = ? FOR UPDATE")) {
      Rows.bind(ps, id);
      return Rows.one(ps, VaultRepository::map);
    }
  }

  public List<Vault> list(Connection c, String compartmentId, Page page) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM kms_vaults"
                + " WHERE compartment_id = ? AND "
                + Paged.condition(page)
                + " ORDER BY created_at, id LIMIT "
                + page.limit())) {
      Rows.bind(ps, Queries.concat(compartmentId, Paged.parameters(page)));
      return Rows.list(ps, VaultRepository::map);
    }
  }

  /** Vaults pending deletion whose time has come. */
  public List<Vault> dueForDeletion(Connection c, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM kms_vaults"
                + " WHERE state = 'PENDING_DELETION' AND deletion_at <= ?")) {
      Rows.bind(ps, now);
      return Rows.list(ps, VaultRepository::map);
    }
  }

  static Vault map(ResultSet rs) throws SQLException {
    return new Vault(
        rs.getString("id"),
        rs.getString("compartment_id"),
        rs.getString("display_name"),
        Lifecycle.valueOf(rs.getString("state")),
        rs.getString("ekm_vault_url"),
        rs.getString("private_endpoint_id"),
        rs.getString("idcs_url"),
        rs.getString("client_app_id"),
        rs.getString("sealed_secret"),
        rs.getString("vendor"),
        Rows.time(rs, "created_at"),
        Rows.time(rs, "updated_at"),
        Rows.time(rs, "deletion_at"));
  }
}
