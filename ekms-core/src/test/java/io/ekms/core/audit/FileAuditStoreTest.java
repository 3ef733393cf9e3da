package io.ekms.core.audit;

import static io.ekms.core.audit.AuditFixtures.bad;
import static io.ekms.core.audit.AuditFixtures.good;
import static io.ekms.core.audit.AuditFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.audit.VerifyResult.ChainResult;
import io.ekms.core.db.Database;
import io.ekms.core.db.DatabaseConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What only chain files can go through: a write cut short, a file cut or removed while the server
 * was stopped (caught by the database's checkpoint), an index that no longer matches the file, and
 * the move of rows an earlier version stored into files.
 */
class FileAuditStoreTest {
  private final Path directory = AuditFixtures.scratch("audit-file-store-");
  private final Path chains = directory.resolve("chains");
  private final Path file = ChainFile.pathOf(chains, AuditNodes.DEFAULT);
  private Database database = open();

  @AfterEach
  void close() {
    database.close();
  }

  private Database open() {
    return Database.open(DatabaseConfig.h2File(directory, "audit"), Map.of(), "db/audit");
  }

  private AuditLog log() {
    return new AuditLog(database, AuditLogOptions.defaults().withChainDirectory(chains));
  }

  private void appendAndClose(int from, int to) {
    try (AuditLog log = log()) {
      for (int i = from; i <= to; i++) {
        log.append(record("req-" + i, i));
      }
    }
  }

  @Test
  void open_lastLineCutShort_cutOffAndChainContinues() throws Exception {
    appendAndClose(1, 3);
    Files.write(file, "{\"node\":\"ekms\",\"seq\":4,\"ti".getBytes(), StandardOpenOption.APPEND);

    try (AuditLog log = log()) {
      assertThat(log.lastSeq()).isEqualTo(3);
      log.append(record("req-4", 4));
      assertThat(log.verify()).isEqualTo(good(4));
      assertThat(log.read(3, 10, null))
          .extracting(e -> e.record().requestId())
          .containsExactly("req-4");
    }
  }

  @Test
  void verify_fileCutWhileStopped_reportsRecordsMissingAtTheEnd() {
    appendAndClose(1, 5);
    new FileChainTamper(file).keepFirst(3);

    try (AuditLog log = log()) {
      assertThat(log.verify())
          .isEqualTo(bad(3, 4, "records 4 to 5 are missing at the end of the chain"));
    }
  }

  @Test
  void verify_chainFileRemovedWhileStopped_reportsItsRecordsMissing() throws Exception {
    appendAndClose(1, 4);
    Path other = ChainFile.pathOf(chains, "node-b");
    try (AuditLog b =
        new AuditLog(
            database, AuditLogOptions.defaults().withChainDirectory(chains).withNodeId("node-b"))) {
      b.append(record("b-1", 1));
    }
    Files.delete(other);

    try (AuditLog log = log()) {
      assertThat(log.verify().chains())
          .contains(
              ChainResult.bad("node-b", 0, 1, "records 1 to 1 are missing at the end of the chain"),
              ChainResult.good(AuditNodes.DEFAULT, 4));
    }
  }

  @Test
  void read_afterAnEditMovedEveryLine_stillFindsEachRecord() {
    try (AuditLog log = log()) {
      for (int i = 1; i <= 600; i++) {
        log.append(record("req-" + i, i));
      }
      new FileChainTamper(file).setResult(2, "A MUCH LONGER RESULT THAN BEFORE");

      assertThat(log.read(512, 2, null)).extracting(AuditEntry::seq).containsExactly(513L, 514L);
      assertThat(log.read(0, 1000, "req-590")).extracting(AuditEntry::seq).containsExactly(590L);
      assertThat(log.verify().firstBadSeq()).isEqualTo(2);
    }
  }

  @Test
  void open_rowsOfAnEarlierVersion_movedIntoTheFileAndContinued() throws Exception {
    try (AuditLog rows = new AuditLog(database, AuditLogOptions.defaults())) {
      for (int i = 1; i <= 5; i++) {
        rows.append(record("req-" + i, i));
      }
    }

    try (AuditLog log = log()) {
      assertThat(log.lastSeq()).isEqualTo(5);
      log.append(record("req-6", 6));
      assertThat(log.verify()).isEqualTo(good(6));
      assertThat(log.read(0, 10, "req-3")).hasSize(1);
    }
    long rowsLeft =
        database.withConnection(
            c -> {
              try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM audit_log")) {
                rs.next();
                return rs.getLong(1);
              }
            });
    assertThat(rowsLeft).isZero();
    assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(7);
  }
}
