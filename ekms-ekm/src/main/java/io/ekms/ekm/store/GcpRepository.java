package io.ekms.ekm.store;

import io.ekms.core.db.Rows;
import io.ekms.ekm.domain.gcp.AccessReason;
import io.ekms.ekm.domain.gcp.GcpKeyStore;
import io.ekms.ekm.domain.gcp.GcpKeyStore.ExposedKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Google Cloud EKM key stores with their allowed service accounts and exposed keys. */
public final class GcpRepository {
  private static final String STORE_COLUMNS =
      "id, name, uri_prefix, issuer, jwks_url, ca_bundle, audiences, rate_per_second,"
          + " denied_reasons";

  public void insertStore(Connection c, GcpKeyStore s, Instant now) throws SQLException {
    update(
        c,
        "INSERT INTO ekm_gcp_stores ("
            + STORE_COLUMNS
            + ", created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        s.id(),
        s.name(),
        s.uriPrefix(),
        s.issuer(),
        s.jwksUrl(),
        s.caBundlePem(),
        String.join(" ", s.audiences()),
        s.ratePerSecond(),
        reasons(s.deniedReasons()),
        now);
  }

  /** Replaces the reasons a store refuses; false when there is no such store. */
  public boolean setDeniedReasons(Connection c, String storeId, Set<AccessReason> denied)
      throws SQLException {
    return update(
            c,
            "UPDATE ekm_gcp_stores SET denied_reasons = ? WHERE id = ?",
            reasons(denied),
            storeId)
        == 1;
  }

  public void insertServiceAccount(Connection c, String storeId, String email, Instant now)
      throws SQLException {
    update(
        c,
        "INSERT INTO ekm_gcp_service_accounts (store_id, email, created_at) VALUES (?, ?, ?)",
        storeId,
        email,
        now);
  }

  public boolean deleteServiceAccount(Connection c, String storeId, String email)
      throws SQLException {
    return update(
            c,
            "DELETE FROM ekm_gcp_service_accounts WHERE store_id = ? AND email = ?",
            storeId,
            email)
        == 1;
  }

  /** Exposes a key, or changes what an exposed name maps to. */
  public void putKey(Connection c, String storeId, ExposedKey k) throws SQLException {
    deleteKey(c, storeId, k.keyName());
    update(
        c,
        "INSERT INTO ekm_gcp_keys (store_id, key_name, vault_id, key_id) VALUES (?, ?, ?, ?)",
        storeId,
        k.keyName(),
        k.vaultId(),
        k.keyId());
  }

  public boolean deleteKey(Connection c, String storeId, String keyName) throws SQLException {
    return update(
            c, "DELETE FROM ekm_gcp_keys WHERE store_id = ? AND key_name = ?", storeId, keyName)
        == 1;
  }

  /** Every key store with its service accounts and keys, by name. */
  public List<GcpKeyStore> all(Connection c) throws SQLException {
    return stores(c, " ORDER BY name").stream().map(Listed::item).toList();
  }

  /** Up to {@code page.limit()} key stores after the page's cursor, oldest first. */
  public List<Listed<GcpKeyStore>> page(Connection c, PageQuery page) throws SQLException {
    return stores(
        c,
        " WHERE 1 = 1" + page.condition() + " ORDER BY created_at, id LIMIT " + page.limit(),
        page.parameters());
  }

  private static List<Listed<GcpKeyStore>> stores(Connection c, String tail, Object... values)
      throws SQLException {
    List<Listed<GcpKeyStore>> bare;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + STORE_COLUMNS + ", created_at FROM ekm_gcp_stores" + tail)) {
      Rows.bind(ps, values);
      bare =
          Rows.list(
              ps, rs -> new Listed<>(store(rs), rs.getString(1), Rows.time(rs, "created_at")));
    }
    List<Listed<GcpKeyStore>> out = new ArrayList<>();
    for (Listed<GcpKeyStore> row : bare) {
      GcpKeyStore s = row.item();
      out.add(
          new Listed<>(
              new GcpKeyStore(
                  s.id(),
                  s.name(),
                  s.uriPrefix(),
                  s.issuer(),
                  s.jwksUrl(),
                  s.caBundlePem(),
                  s.audiences(),
                  s.ratePerSecond(),
                  s.deniedReasons(),
                  serviceAccounts(c, s.id()),
                  keys(c, s.id(), null)),
              row.id(),
              row.createdAt()));
    }
    return out;
  }

  /** The key {@code keyName} that store {@code storeId} exposes, read now. */
  public Optional<ExposedKey> key(Connection c, String storeId, String keyName)
      throws SQLException {
    return keys(c, storeId, keyName).stream().findFirst();
  }

  private static GcpKeyStore store(ResultSet rs) throws SQLException {
    return new GcpKeyStore(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        words(rs.getString(7)),
        rs.getInt(8),
        words(rs.getString(9)).stream()
            .map(AccessReason::named)
            .filter(r -> r != null)
            .collect(Collectors.toSet()),
        List.of(),
        List.of());
  }

  private static List<String> serviceAccounts(Connection c, String storeId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT email FROM ekm_gcp_service_accounts WHERE store_id = ? ORDER BY email")) {
      Rows.bind(ps, storeId);
      return Rows.list(ps, rs -> rs.getString(1));
    }
  }

  private static List<ExposedKey> keys(Connection c, String storeId, String keyName)
      throws SQLException {
    String sql =
        "SELECT key_name, vault_id, key_id FROM ekm_gcp_keys WHERE store_id = ?"
            + (keyName == null ? " ORDER BY key_name" : " AND key_name = ?");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (keyName == null) {
        Rows.bind(ps, storeId);
      } else {
        Rows.bind(ps, storeId, keyName);
      }
      return Rows.list(ps, rs -> new ExposedKey(rs.getString(1), rs.getString(2), rs.getString(3)));
    }
  }

  private static String reasons(Set<AccessReason> reasons) {
    return reasons.stream().map(Enum::name).sorted().collect(Collectors.joining(" "));
  }

  private static List<String> words(String s) {
    return s == null || s.isBlank() ? List.of() : Arrays.asList(s.trim().split(" +"));
  }

  private static int update(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Rows.bind(ps, values);
      return ps.executeUpdate();
    }
  }
}
