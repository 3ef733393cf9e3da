package io.ekms.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.ekms.core.db.Database;
import io.ekms.core.db.DatabaseConfig;
import java.nio.file.Path;
import java.util.Map;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.Test;

/** {@link AuditLogContract} on an H2 file database under {@code target/}. */
class H2AuditLogTest extends AuditLogContract {
  private final Path directory = AuditFixtures.scratch("audit-h2-");

  @Override
  protected Database openDatabase() {
    return Database.open(DatabaseConfig.h2File(directory, "audit"), Map.of(), "db/audit");
  }

  /**
   * H2 empties every session's parsed-statement cache when its "meta" counter moves. Each new
   * pooled connection moves it once (it applies the URL's {@code WRITE_DELAY=0}), so the pool is
   * let fill before counting: a busy machine used to add connections during the appends.
   */
  @Test
  void append_onH2_leavesStatementCachesIntact() {
    AuditLog log = openLog(AuditLogOptions.defaults());
    log.append(AuditFixtures.record("req-0", 0));
    HikariDataSource pool = (HikariDataSource) database.dataSource();
    AuditFixtures.await(
        "the pool fills",
        () -> pool.getHikariPoolMXBean().getTotalConnections() == pool.getMaximumPoolSize());
    long before = metaId();

    for (int i = 1; i <= 20; i++) {
      log.append(AuditFixtures.record("req-" + i, i));
    }

    assertThat(metaId()).isEqualTo(before);
  }

  private long metaId() {
    return database.withConnection(
        c -> {
          var session = (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
          return session.getDatabase().getModificationMetaId();
        });
  }
}
