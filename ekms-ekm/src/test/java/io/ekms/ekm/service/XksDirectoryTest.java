package io.ekms.ekm.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.db.Database;
import io.ekms.core.db.DatabaseConfig;
import io.ekms.testing.TempDirs;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two EKM nodes on one database: a key withdrawn from a key store through one node is refused by
 * the other on its very next request, although that node still holds the stores it read (paths and
 * credentials) for up to two seconds.
 */
class XksDirectoryTest {
  private final Database db =
      Database.open(
          DatabaseConfig.h2File(TempDirs.create("xks-directory-"), "ekm"),
          Map.of(),
          "db/ekm",
          "db/audit");
  private final XksDirectory otherNode = new XksDirectory(db);

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void exposedKey_withdrawnThroughAnotherNode_goneAtOnceWhileTheStoresAreStillKept() {
    sql(
        "INSERT INTO ekm_issuers (id, issuer, created_at) VALUES ('iss-1', 'https://i', 1)",
        "INSERT INTO ekm_vaults VALUES ('vlt-1', 'v', 'iss-1', 'c', 'ACTIVE', 1, 1)",
        "INSERT INTO ekm_keys (id, vault_id, name, length_bits, state, ops, current_version_id,"
            + " backend, created_at, updated_at)"
            + " VALUES ('key-1', 'vlt-1', 'k', 256, 'ACTIVE', 'ENCRYPT', null, 'software', 1, 1)",
        "INSERT INTO ekm_xks_stores VALUES ('xks-1', 's', 'p', 10, 1)",
        "INSERT INTO ekm_xks_keys VALUES ('xks-1', 'aws-key', 'vlt-1', 'key-1', 'ENCRYPT_DECRYPT')");
    assertThat(otherNode.exposedKey("xks-1", "aws-key")).isPresent();
    assertThat(otherNode.stores()).singleElement().satisfies(s -> assertThat(s.keys()).hasSize(1));

    sql("DELETE FROM ekm_xks_keys WHERE external_key_id = 'aws-key'"); // through the first node

    assertThat(otherNode.exposedKey("xks-1", "aws-key")).isEmpty();
    assertThat(otherNode.stores()).singleElement().satisfies(s -> assertThat(s.keys()).hasSize(1));
  }

  private void sql(String... statements) {
    db.withConnection(
        c -> {
          try (Statement s = c.createStatement()) {
            for (String statement : statements) {
              s.executeUpdate(statement);
            }
          }
          return null;
        });
  }
}
