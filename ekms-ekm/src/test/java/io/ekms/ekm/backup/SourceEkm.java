package io.ekms.ekm.backup;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.crypto.KeyCheck;
import io.ekms.core.db.Database;
import io.ekms.ekm.backend.software.MasterKey;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.ekm.server.EkmInit;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An initialised EKM data directory whose database holds one of everything a backup carries, as a
 * served EKM would have written it (rows written directly, so no server needs to start).
 */
final class SourceEkm {
  private SourceEkm() {}

  static EkmConfig create(Path dir) throws Exception {
    EkmConfig config = EkmConfig.defaults(dir);
    EkmInit.run(config, Map.of());
    try (SecretBytes master = MasterKey.readFile(Path.of(config.keystore().masterKeyFile()));
        Database db = Database.open(config.database(), Map.of(), EkmInit.MIGRATIONS)) {
      String check = KeyCheck.create(master);
      db.inTransaction(c -> fill(c, check));
    }
    return config;
  }

  private static Void fill(Connection c, String check) throws SQLException {
    run(c, "INSERT INTO ekm_meta (name, meta_value) VALUES ('master_check', ?)", check);
    run(
        c,
        "INSERT INTO ekm_issuers (id, issuer, jwks_uri, ca_bundle, created_at)"
            + " VALUES ('iss-1', 'https://idp.example', 'https://idp.example/jwks', ?, 1)",
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    run(
        c,
        "INSERT INTO ekm_vaults (id, name, issuer_id, client_id, state, created_at, updated_at)"
            + " VALUES ('v-1', 'payments', 'iss-1', 'client-1', 'ACTIVE', 2, 2)");
    run(
        c,
        "INSERT INTO ekm_keys (id, vault_id, name, length_bits, state, ops, current_version_id,"
            + " backend, created_at, updated_at) VALUES ('k-1', 'v-1', 'orders', 256, 'ACTIVE',"
            + " 'ENCRYPT,DECRYPT', 'kv-2', 'software', 3, 3)");
    for (int n = 1; n <= 2; n++) {
      run(
          c,
          "INSERT INTO ekm_key_versions (id, key_id, version_number, state, backend, handle,"
              + " created_at, updated_at) VALUES (?, 'k-1', ?, 'ENABLED', 'software', ?, 4, 4)",
          "kv-" + n,
          n,
          "sealed-blob-" + n);
    }
    run(
        c,
        "INSERT INTO ekm_policies (id, name, scope, scope_id, effect, expression, revision,"
            + " created_at, updated_at) VALUES ('p-1', 'office-hours', 'VAULT', 'v-1', 'DENY',"
            + " 'false', 1, 5, 5)");
    run(
        c,
        "INSERT INTO ekm_xks_stores (id, name, uri_prefix, rate_per_second, created_at)"
            + " VALUES ('x-1', 'aws', 'xks/a', 0, 6)");
    run(
        c,
        "INSERT INTO ekm_xks_credentials (access_key_id, store_id, sealed_secret, created_at)"
            + " VALUES ('AKIAEXAMPLE0000000001', 'x-1', 'sealed-secret', 7)");
    run(
        c,
        "INSERT INTO ekm_xks_keys (store_id, external_key_id, vault_id, key_id, key_usage)"
            + " VALUES ('x-1', 'ext-1', 'v-1', 'k-1', 'ENCRYPT_DECRYPT')");
    return null;
  }

  static void run(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.executeUpdate();
    }
  }

  /** Every row of {@code table} as text, in primary-key order, to compare two databases. */
  static List<String> rows(EkmConfig config, String table) {
    try (Database db = Database.open(config.database(), Map.of(), EkmInit.MIGRATIONS)) {
      return db.withConnection(
          c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(EkmTables.select(table));
                ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                  row.add(rs.getString(i));
                }
                out.add(String.join("|", row));
              }
            }
            return out;
          });
    }
  }
}
