package io.ekms.ekm.backup;

import java.util.List;
import java.util.Set;

/**
 * The EKM tables a backup holds, parents before children (the order rows are inserted in). Audit
 * records, console sessions and the admin token's hash stay with the node: a restored EKM starts a
 * new audit trail and gets a new admin token. Of {@code ekm_meta} only the keystore's rows travel.
 */
final class EkmTables {
  static final String META = "ekm_meta";
  static final String KEY_VERSIONS = "ekm_key_versions";

  static final List<String> ORDER =
      List.of(
          "ekm_issuers",
          "ekm_vaults",
          "ekm_keys",
          KEY_VERSIONS,
          "ekm_policies",
          "ekm_xks_stores",
          "ekm_xks_credentials",
          "ekm_xks_keys",
          "ekm_gcp_stores",
          "ekm_gcp_service_accounts",
          "ekm_gcp_keys",
          META);

  /** The keystore's check value and, for a passphrase keystore, its KDF salt and count. */
  static final Set<String> KEYSTORE_META = Set.of("master_check", "kdf_salt", "kdf_iterations");

  private EkmTables() {}

  /** The query reading a table's rows for a backup, in a stable order. */
  static String select(String table) {
    if (!ORDER.contains(table)) {
      throw new IllegalArgumentException("not a backed-up table");
    }
    if (table.equals(META)) {
      return "SELECT * FROM ekm_meta WHERE name IN ('master_check', 'kdf_salt', 'kdf_iterations')"
          + " ORDER BY 1";
    }
    return "SELECT * FROM " + table + " ORDER BY 1, 2";
  }

  /** The statement deleting what a restore with {@code --overwrite} replaces. */
  static String delete(String table) {
    return select(table).replaceFirst("^SELECT \\* ", "DELETE ").replaceFirst(" ORDER BY.*$", "");
  }
}
