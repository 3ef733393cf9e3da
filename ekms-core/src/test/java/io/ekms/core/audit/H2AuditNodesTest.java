package io.ekms.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.db.Database;
import io.ekms.core.db.DatabaseConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link AuditNodesContract} on an H2 file database under {@code target/}; there the request-id
 * index is left out (migration V1002), which reads by request id still find.
 */
class H2AuditNodesTest extends AuditNodesContract {
  private final Path directory = AuditFixtures.scratch("audit-nodes-h2-");

  @Override
  protected Database openDatabase() {
    return Database.open(DatabaseConfig.h2File(directory, "audit"), Map.of(), "db/audit");
  }

  @Test
  void migrate_onH2_leavesRequestIdsUnindexedAndReadsStillFindThem() {
    java.util.List<String> indexes =
        database.withConnection(
            c -> {
              try (var rs =
                  c.createStatement()
                      .executeQuery(
                          "SELECT index_name FROM information_schema.indexes"
                              + " WHERE table_name = 'AUDIT_LOG'")) {
                java.util.List<String> names = new java.util.ArrayList<>();
                while (rs.next()) {
                  names.add(rs.getString(1));
                }
                return names;
              }
            });
    AuditLog log = openLog(AuditLogOptions.defaults());
    log.append(AuditFixtures.record("wanted", 1));
    log.append(AuditFixtures.record("other", 2));

    assertThat(indexes).isNotEmpty().doesNotContain("AUDIT_LOG_REQUEST_ID");
    assertThat(log.read(0, 10, "wanted"))
        .extracting(e -> e.record().requestId())
        .containsExactly("wanted");
  }
}
