package io.ekms.ekm.store;

import io.ekms.core.db.Rows;
import io.ekms.ekm.domain.xks.XksKeyStore;
import io.ekms.ekm.domain.xks.XksKeyStore.Credential;
import io.ekms.ekm.domain.xks.XksKeyStore.ExposedKey;
import io.ekms.ekm.domain.xks.XksUsage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** XKS key stores with their credentials (secrets sealed) and exposed keys. */
public final class XksRepository {
  /** A store row without its credentials and keys. */
  private record StoreRow(String id, String name, String prefix, int rate, Instant createdAt) {}

  public void insertStore(Connection c, XksKeyStore s, Instant now) throws SQLException {
    update(
        c,
        "INSERT INTO ekm_xks_stores (id, name, uri_prefix, rate_per_second, created_at)"
            + " VALUES (?, ?, ?, ?, ?)",
        s.id(),
        s.name(),
        s.uriPrefix(),
        s.ratePerSecond(),
        now);
  }

  /** Sets a store's rate limit (requests a second, 0: none); false when there is no such store. */
  public boolean updateRate(Connection c, String storeId, int ratePerSecond) throws SQLException {
    return update(
            c, "UPDATE ekm_xks_stores SET rate_per_second = ? WHERE id = ?", ratePerSecond, storeId)
        == 1;
  }

  public void insertCredential(Connection c, String storeId, Credential cred, Instant now)
      throws SQLException {
    update(
        c,
        "INSERT INTO ekm_xks_credentials (access_key_id, store_id, sealed_secret, created_at)"
            + " VALUES (?, ?, ?, ?)",
        cred.accessKeyId(),
        storeId,
        cred.sealedSecret(),
        now);
  }

  /** Removes a credential; false when the store has no such access key id. */
  public boolean deleteCredential(Connection c, String storeId, String accessKeyId)
      throws SQLException {
    return update(
            c,
            "DELETE FROM ekm_xks_credentials WHERE store_id = ? AND access_key_id = ?",
            storeId,
            accessKeyId)
        == 1;
  }

  /** Exposes a key, or changes what an exposed key maps to. */
  public void putKey(Connection c, String storeId, ExposedKey k) throws SQLException {
    update(
        c,
        "DELETE FROM ekm_xks_keys WHERE store_id = ? AND external_key_id = ?",
        storeId,
        k.externalKeyId());
    update(
        c,
        "INSERT INTO ekm_xks_keys (store_id, external_key_id, vault_id, key_id, key_usage)"
            + " VALUES (?, ?, ?, ?, ?)",
        storeId,
        k.externalKeyId(),
        k.vaultId(),
        k.keyId(),
        k.usage());
  }

  public boolean deleteKey(Connection c, String storeId, String externalKeyId) throws SQLException {
    return update(
            c,
            "DELETE FROM ekm_xks_keys WHERE store_id = ? AND external_key_id = ?",
            storeId,
            externalKeyId)
        == 1;
  }

  /**
   * Removes a key store with its credentials and exposed keys (not the EKM keys); false when there
   * is no such store.
   */
  public boolean deleteStore(Connection c, String storeId) throws SQLException {
    update(c, "DELETE FROM ekm_xks_credentials WHERE store_id = ?", storeId);
    update(c, "DELETE FROM ekm_xks_keys WHERE store_id = ?", storeId);
    return update(c, "DELETE FROM ekm_xks_stores WHERE id = ?", storeId) == 1;
  }

  /** Every key store with its credentials and keys, by name. */
  public List<XksKeyStore> all(Connection c) throws SQLException {
    return stores(c, " ORDER BY name").stream().map(Listed::item).toList();
  }

  /** Up to {@code page.limit()} key stores after the page's cursor, oldest first. */
  public List<Listed<XksKeyStore>> page(Connection c, PageQuery page) throws SQLException {
    return stores(
        c,
        " WHERE 1 = 1" + page.condition() + " ORDER BY created_at, id LIMIT " + page.limit(),
        page.parameters());
  }

  private static List<Listed<XksKeyStore>> stores(Connection c, String tail, Object... values)
      throws SQLException {
    List<StoreRow> rows;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, name, uri_prefix, rate_per_second, created_at FROM ekm_xks_stores"
                + tail)) {
      Rows.bind(ps, values);
      rows =
          Rows.list(
              ps,
              rs ->
                  new StoreRow(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getInt(4),
                      Rows.time(rs, "created_at")));
    }
    List<Listed<XksKeyStore>> out = new ArrayList<>();
    for (StoreRow r : rows) {
      XksKeyStore store =
          new XksKeyStore(
              r.id(), r.name(), r.prefix(), r.rate(), credentials(c, r.id()), keys(c, r.id()));
      out.add(new Listed<>(store, r.id(), r.createdAt()));
    }
    return out;
  }

  /** The key {@code externalKeyId} that store {@code storeId} exposes, read now. */
  public Optional<ExposedKey> key(Connection c, String storeId, String externalKeyId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT external_key_id, vault_id, key_id, key_usage FROM ekm_xks_keys"
                + " WHERE store_id = ? AND external_key_id = ?")) {
      Rows.bind(ps, storeId, externalKeyId);
      return Rows.one(
          ps,
          rs ->
              new ExposedKey(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  XksUsage.valueOf(rs.getString(4))));
    }
  }

  /** The id of version {@code number} of key {@code keyId}. */
  public Optional<String> versionId(Connection c, String keyId, int number) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id FROM ekm_key_versions WHERE key_id = ? AND version_number = ?")) {
      Rows.bind(ps, keyId, number);
      return Rows.one(ps, rs -> rs.getString(1));
    }
  }

  private static List<Credential> credentials(Connection c, String storeId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT access_key_id, sealed_secret FROM ekm_xks_credentials WHERE store_id = ?"
                + " ORDER BY created_at")) {
      Rows.bind(ps, storeId);
      return Rows.list(ps, rs -> new Credential(rs.getString(1), rs.getString(2)));
    }
  }

  private static List<ExposedKey> keys(Connection c, String storeId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT external_key_id, vault_id, key_id, key_usage FROM ekm_xks_keys"
                + " WHERE store_id = ? ORDER BY external_key_id")) {
      Rows.bind(ps, storeId);
      return Rows.list(
          ps,
          rs ->
              new ExposedKey(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  XksUsage.valueOf(rs.getString(4))));
    }
  }

  private static int update(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Rows.bind(ps, values);
      return ps.executeUpdate();
    }
  }
}
