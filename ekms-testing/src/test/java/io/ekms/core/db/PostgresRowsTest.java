package io.ekms.core.db;

import io.ekms.testing.EmbeddedPostgresSupport;
import io.ekms.testing.PostgresStores;

/** {@link RowsContract} on embedded PostgreSQL: a fresh database per test. */
class PostgresRowsTest extends RowsContract {
  @Override
  protected Database openDatabase(String... migrations) {
    return PostgresStores.open(EmbeddedPostgresSupport.newDatabase(), migrations);
  }
}
