package io.ekms.kms.store;

import io.ekms.core.db.Rows;
import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.KeyVersion;
import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.domain.Vault;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The hot-path read of every crypto call: key, one of its versions (the named one, else the current
 * one) and its vault, in one query. Nothing is cached, so a disable seen by the store is seen by
 * the next request.
 */
public final class CryptoLookup {
  /**
   * What one crypto request needs; {@code version} is absent when the key has no such one. {@code
   * endpointIdentity} is the {@link io.ekms.kms.domain.ClientCertificate#identity()} of the vault's
   * private endpoint's client certificate ("" for none), read with every call so that a rotated
   * certificate is used by the very next one.
   */
  public record Found(
      Key key, Optional<KeyVersion> version, Vault vault, String endpointIdentity) {}

  private static final String SQL =
      "SELECT k.id, k.vault_id, k.compartment_id, k.display_name,"
          + " k.length_bytes, k.state, k.state_before_del, k.current_version_id, k.external_key_id,"
          + " k.created_at, k.updated_at, k.deletion_at,"
          + " kv.id AS kv_id, kv.external_key_version_id AS kv_external, kv.state AS kv_state,"
          + " kv.created_at AS kv_created, kv.updated_at AS kv_updated, kv.deletion_at AS kv_deletion,"
          + " vt.compartment_id AS vt_compartment, vt.display_name AS vt_name, vt.state AS vt_state,"
          + " vt.ekm_vault_url, vt.private_endpoint_id, vt.idcs_url, vt.client_app_id,"
          + " vt.sealed_secret, vt.vendor, vt.created_at AS vt_created, vt.updated_at AS vt_updated,"
          + " vt.deletion_at AS vt_deletion, pe.client_cert_sha256 AS pe_client_cert"
          + " FROM kms_keys k JOIN kms_vaults vt ON vt.id = k.vault_id"
          + " LEFT JOIN kms_private_endpoints pe ON pe.id = vt.private_endpoint_id"
          + " LEFT JOIN kms_key_versions kv ON kv.key_id = k.id"
          + " AND kv.id = COALESCE(?, k.current_version_id)"
          + " WHERE k.id = ?";

  /** Looks up a key and a version of it ({@code versionId} null: the current one). */
  public Optional<Found> find(Connection c, String keyId, String versionId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SQL)) {
      Rows.bind(ps, versionId, keyId);
      return Rows.one(ps, CryptoLookup::map);
    }
  }

  private static Found map(ResultSet rs) throws SQLException {
    Key key = KeyRepository.map(rs);
    Optional<KeyVersion> version =
        rs.getString("kv_id") == null
            ? Optional.empty()
            : Optional.of(
                new KeyVersion(
                    rs.getString("kv_id"),
                    key.id(),
                    key.vaultId(),
                    key.compartmentId(),
                    rs.getString("kv_external"),
                    Lifecycle.valueOf(rs.getString("kv_state")),
                    Rows.time(rs, "kv_created"),
                    Rows.time(rs, "kv_updated"),
                    Rows.time(rs, "kv_deletion")));
    Vault vault =
        new Vault(
            key.vaultId(),
            rs.getString("vt_compartment"),
            rs.getString("vt_name"),
            Lifecycle.valueOf(rs.getString("vt_state")),
            rs.getString("ekm_vault_url"),
            rs.getString("private_endpoint_id"),
            rs.getString("idcs_url"),
            rs.getString("client_app_id"),
            rs.getString("sealed_secret"),
            rs.getString("vendor"),
            Rows.time(rs, "vt_created"),
            Rows.time(rs, "vt_updated"),
            Rows.time(rs, "vt_deletion"));
    String identity = rs.getString("pe_client_cert");
    return new Found(key, version, vault, identity == null ? "" : identity);
  }
}
