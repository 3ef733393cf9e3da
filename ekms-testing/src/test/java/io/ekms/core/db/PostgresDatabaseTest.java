package io.ekms.core.db;

import io.ekms.testing.EmbeddedPostgresSupport;
import io.ekms.testing.EmbeddedPostgresSupport.PgDatabase;
import io.ekms.testing.PostgresStores;

/** {@link DatabaseContract} on embedded PostgreSQL: a fresh database per test. */
class PostgresDatabaseTest extends DatabaseContract {
  private PgDatabase pg;

  @Override
  protected Database openDatabase(String... migrations) {
    if (pg == null) {
      pg = EmbeddedPostgresSupport.newDatabase();
    }
    return PostgresStores.open(pg, migrations);
  }

  @Override
  protected boolean expectPostgres() {
    return true;
  }
}
