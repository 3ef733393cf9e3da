package io.ekms.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.config.Misconfiguration;
import io.ekms.core.db.Database;
import io.ekms.testing.EmbeddedPostgresSupport;
import io.ekms.testing.EmbeddedPostgresSupport.PgDatabase;
import io.ekms.testing.PostgresStores;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;

/**
 * {@link AuditNodesContract} on embedded PostgreSQL: a fresh database per test; there the claim is
 * a session advisory lock, which another process (here: another session) holds.
 */
class PostgresAuditNodesTest extends AuditNodesContract {
  private PgDatabase pg;

  @Override
  protected Database openDatabase() {
    if (pg == null) {
      pg = EmbeddedPostgresSupport.newDatabase();
    }
    return PostgresStores.open(pg, "db/audit");
  }

  @Test
  void open_nodeLockedByAnotherSession_refusedThenFreeOnceThatSessionEnds() throws Exception {
    try (Connection otherProcess =
            DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
        PreparedStatement lock = otherProcess.prepareStatement("SELECT pg_advisory_lock(?)")) {
      lock.setLong(1, NodeClaim.lockKey("node-x"));
      lock.executeQuery().close();

      assertThatThrownBy(() -> openLog(AuditLogOptions.defaults().withNodeId("node-x")))
          .isInstanceOf(Misconfiguration.class)
          .hasMessageContaining("audit node 'node-x' is already written by a live process");
    }

    AuditLog log = openLog(AuditLogOptions.defaults().withNodeId("node-x"));
    log.append(AuditFixtures.record("after", 1));
    assertThat(log.verify()).isEqualTo(AuditFixtures.good("node-x", 1));
  }

  @Test
  void migrate_onPostgres_indexesRequestIds() {
    long indexes =
        database.withConnection(
            c -> {
              try (var rs =
                  c.createStatement()
                      .executeQuery(
                          "SELECT count(*) FROM pg_indexes WHERE tablename = 'audit_log'"
                              + " AND indexname = 'audit_log_request_id'")) {
                rs.next();
                return rs.getLong(1);
              }
            });

    assertThat(indexes).isEqualTo(1);
  }
}
