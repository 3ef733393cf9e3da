package io.ekms.core.admin;

import io.ekms.core.db.Database;
import io.ekms.testing.EmbeddedPostgresSupport;
import io.ekms.testing.PostgresStores;

class PostgresAdminDirectoryTest extends AdminDirectoryContract {
  @Override
  protected Database open() {
    return PostgresStores.open(EmbeddedPostgresSupport.newDatabase(), "db/admins");
  }
}
