package io.ekms.core.audit;

import static io.ekms.core.audit.AuditFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.audit.VerifyResult.ChainResult;
import io.ekms.core.db.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Upgrading a single-writer log (migration V1000 only, format-1 hashes) to a chain per node: its
 * records become the closed chain {@link AuditNodes#LEGACY}, which still verifies, and tampering
 * with it is still caught.
 */
abstract class AuditUpgradeContract {
  /** A fresh, empty database: its JDBC URL, user and password. */
  protected abstract String[] freshDatabase();

  /**
   * Opens the database {@link #freshDatabase()} made, applying every {@code db/audit} migration.
   */
  protected abstract Database open(String[] database);

  @Test
  void migrate_singleWriterLog_keepsItVerifiableAsTheLegacyChain() throws Exception {
    String[] db = freshDatabase();
    List<AuditEntry> legacy = writeSingleWriterLog(db, 3);

    try (Database database = open(db);
        AuditLog log = new AuditLog(database, AuditLogOptions.defaults().withNodeId("node-a"))) {
      log.append(record("after-upgrade", 9));

      assertThat(log.verify())
          .isEqualTo(
              VerifyResult.of(
                  List.of(ChainResult.good(AuditNodes.LEGACY, 3), ChainResult.good("node-a", 1))));
      assertThat(log.read(AuditNodes.LEGACY, 0, 10, null))
          .extracting(AuditEntry::hash)
          .containsExactlyElementsOf(legacy.stream().map(AuditEntry::hash).toList());
      assertThat(log.read(0, 10, null).get(0).prevHash()).isEqualTo(AuditChain.GENESIS_HASH);
    }
  }

  @Test
  void migrate_singleWriterLogAltered_reportedInTheLegacyChain() throws Exception {
    String[] db = freshDatabase();
    writeSingleWriterLog(db, 3);

    try (Database database = open(db);
        AuditLog log = new AuditLog(database, AuditLogOptions.defaults())) {
      AuditFixtures.sql(
          database,
          "UPDATE audit_log SET caller = 'someone' WHERE node_id = '_legacy' AND seq = 2");

      VerifyResult result = log.verify();
      assertThat(result.firstBadNode()).isEqualTo(AuditNodes.LEGACY);
      assertThat(result.firstBadSeq()).isEqualTo(2);
      assertThat(result.reason()).isEqualTo("hash does not match the stored content");
    }
  }

  /** Migrates to V1000 only and writes {@code n} format-1 records as the old writer did. */
  private static List<AuditEntry> writeSingleWriterLog(String[] db, int n) throws SQLException {
    Flyway.configure()
        .dataSource(db[0], db[1], db[2])
        .locations("classpath:db/audit")
        .target("1000")
        .load()
        .migrate();
    List<AuditEntry> entries = new java.util.ArrayList<>();
    String prev = AuditChain.GENESIS_HASH;
    try (Connection c = DriverManager.getConnection(db[0], db[1], db[2]);
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO audit_log (seq, recorded_at, request_id, caller, operation, vault,"
                    + " key_id, version_id, result, details, prev_hash, hash)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int seq = 1; seq <= n; seq++) {
        AuditRecord r = record("old-" + seq, seq);
        String hash = AuditChain.hash(prev, seq, r);
        ps.setLong(1, seq);
        ps.setLong(2, r.time().toEpochMilli());
        ps.setString(3, r.requestId());
        ps.setString(4, r.caller());
        ps.setString(5, r.operation());
        ps.setString(6, r.vault());
        ps.setString(7, r.key());
        ps.setString(8, r.version());
        ps.setString(9, r.result());
        ps.setString(10, AuditChain.details(r.details()));
        ps.setString(11, prev);
        ps.setString(12, hash);
        ps.executeUpdate();
        entries.add(new AuditEntry(AuditNodes.LEGACY, seq, r, prev, hash));
        prev = hash;
      }
    }
    return entries;
  }
}
