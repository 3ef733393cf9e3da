package io.ekms.core.audit;

import io.ekms.core.db.Database;
import io.ekms.testing.EmbeddedPostgresSupport;
import io.ekms.testing.EmbeddedPostgresSupport.PgDatabase;
import io.ekms.testing.PostgresStores;

/** {@link AuditLogFailureContract} on embedded PostgreSQL: a fresh database per test. */
class PostgresAuditLogFailureTest extends AuditLogFailureContract {
  private PgDatabase pg;

  @Override
  protected Database openDatabase() {
    if (pg == null) {
      pg = EmbeddedPostgresSupport.newDatabase();
    }
    return PostgresStores.open(pg, "db/audit");
  }
}
