package io.ekms.core.audit;

import io.ekms.core.db.Database;
import io.ekms.testing.EmbeddedPostgresSupport;
import io.ekms.testing.EmbeddedPostgresSupport.PgDatabase;
import io.ekms.testing.PostgresStores;

/** {@link AuditUpgradeContract} on embedded PostgreSQL: a fresh database per test. */
class PostgresAuditUpgradeTest extends AuditUpgradeContract {
  @Override
  protected String[] freshDatabase() {
    PgDatabase pg = EmbeddedPostgresSupport.newDatabase();
    return new String[] {pg.jdbcUrl(), pg.user(), pg.password()};
  }

  @Override
  protected Database open(String[] database) {
    return PostgresStores.open(new PgDatabase(database[0], database[1], database[2]), "db/audit");
  }
}
