package io.ekms.kms.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.db.Database;
import io.ekms.core.db.Rows;
import io.ekms.testing.EmbeddedPostgresSupport;
import io.ekms.testing.EmbeddedPostgresSupport.PgDatabase;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two KMS nodes starting together on one PostgreSQL: both migrate at once (Flyway's advisory lock
 * lets one apply every migration and the other find nothing to do), and a job lease taken through
 * one node's pool is refused to the other until it expires.
 */
class PostgresNodesTest {
  @Test
  void open_twoNodesMigrateAtOnce_bothStartAndEachMigrationIsAppliedOnce() throws Exception {
    PgDatabase pg = EmbeddedPostgresSupport.newDatabase();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    List<Database> opened = new ArrayList<>();
    try {
      List<Future<Database>> starting = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        starting.add(
            nodes.submit(
                () -> {
                  go.await();
                  return KmsDatabases.postgres(pg);
                }));
      }
      go.countDown();
      for (Future<Database> node : starting) {
        opened.add(node.get());
      }

      Database db = opened.get(0);
      List<String> applied =
          db.withConnection(
              c -> {
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "SELECT version FROM flyway_schema_history"
                            + " WHERE success AND version IS NOT NULL ORDER BY installed_rank")) {
                  return Rows.list(ps, rs -> rs.getString(1));
                }
              });
      assertThat(applied).doesNotHaveDuplicates().contains("1", "2", "3", "4", "1000");
    } finally {
      nodes.shutdownNow();
      opened.forEach(Database::close);
    }
  }

  @Test
  void take_leaseHeldThroughOneNode_refusedThroughTheOtherUntilItExpires() {
    PgDatabase pg = EmbeddedPostgresSupport.newDatabase();
    JobLeaseRepository leases = new JobLeaseRepository();
    try (Database a = KmsDatabases.postgres(pg);
        Database b = KmsDatabases.postgres(pg)) {
      assertThat(take(a, leases, "kms-a", 1_000, 2_000)).isTrue();
      assertThat(take(b, leases, "kms-b", 1_500, 2_500)).isFalse();
      assertThat(take(a, leases, "kms-a", 1_900, 3_000)).isTrue(); // renewed
      assertThat(take(b, leases, "kms-b", 2_999, 4_000)).isFalse();

      assertThat(take(b, leases, "kms-b", 3_000, 4_000)).isTrue(); // expired: taken over
      assertThat(take(a, leases, "kms-a", 3_001, 4_001)).isFalse();
    }
  }

  private static boolean take(
      Database db, JobLeaseRepository leases, String node, long now, long until) {
    return db.inTransaction(c -> leases.take(c, "deletion-sweep", node, now, until));
  }
}
