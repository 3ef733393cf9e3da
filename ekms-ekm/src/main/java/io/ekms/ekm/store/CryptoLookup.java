package io.ekms.ekm.store;

import io.ekms.core.db.Rows;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyVersion;
import io.ekms.ekm.domain.Vault;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The hot-path read of every crypto call: vault, key and one version in a single query, so an
 * encrypt costs one round trip to the store. Nothing is cached: a block or disable made a moment
 * ago is seen by the very next request.
 */
public final class CryptoLookup {
  /** What one crypto request needs; {@code key} or {@code version} may be absent. */
  public record Found(
      Vault vault, String issuer, Optional<Key> key, Optional<KeyVersion> version) {}

  private static final String SQL =
      "SELECT v.id AS v_id, v.name AS v_name, v.issuer_id, v.client_id, v.state AS v_state,"
          + " v.created_at AS v_created, v.updated_at AS v_updated, i.issuer AS i_issuer,"
          + " k.id, k.vault_id, k.name, k.length_bits, k.state, k.ops, k.current_version_id,"
          + " k.backend, k.created_at, k.updated_at, k.kms_rotation, k.rotation_period_days,"
          + " k.next_rotation_at,"
          + " kv.id AS kv_id, kv.version_number AS kv_number, kv.state AS kv_state,"
          + " kv.backend AS kv_backend, kv.handle AS kv_handle,"
          + " kv.created_at AS kv_created, kv.updated_at AS kv_updated"
          + " FROM ekm_vaults v JOIN ekm_issuers i ON i.id = v.issuer_id"
          + " LEFT JOIN ekm_keys k ON k.vault_id = v.id AND k.id = ?"
          + " LEFT JOIN ekm_key_versions kv ON kv.key_id = k.id"
          + " AND kv.id = COALESCE(?, k.current_version_id)"
          + " WHERE v.id = ?";

  /** Looks up the vault, key ({@code keyId} may be null) and version (null = current). */
  public Optional<Found> find(Connection c, String vaultId, String keyId, String versionId)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SQL)) {
      Rows.bind(ps, keyId, versionId, vaultId);
      return Rows.one(
          ps,
          rs -> {
            Vault vault =
                new Vault(
                    rs.getString("v_id"),
                    rs.getString("v_name"),
                    rs.getString("issuer_id"),
                    rs.getString("client_id"),
                    io.ekms.ekm.domain.VaultState.valueOf(rs.getString("v_state")),
                    Rows.time(rs, "v_created"),
                    Rows.time(rs, "v_updated"));
            Optional<Key> key =
                rs.getString("id") == null ? Optional.empty() : Optional.of(KeyRepository.map(rs));
            Optional<KeyVersion> version =
                rs.getString("kv_id") == null ? Optional.empty() : Optional.of(version(rs));
            return new Found(vault, rs.getString("i_issuer"), key, version);
          });
    }
  }

  private static KeyVersion version(java.sql.ResultSet rs) throws SQLException {
    String handle = rs.getString("kv_handle");
    return new KeyVersion(
        rs.getString("kv_id"),
        rs.getString("id"),
        rs.getInt("kv_number"),
        io.ekms.ekm.domain.KeyVersionState.valueOf(rs.getString("kv_state")),
        handle == null
            ? null
            : new io.ekms.ekm.domain.KeyHandle(rs.getString("kv_backend"), handle),
        Rows.time(rs, "kv_created"),
        Rows.time(rs, "kv_updated"));
  }
}
