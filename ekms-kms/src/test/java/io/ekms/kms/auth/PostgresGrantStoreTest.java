package io.ekms.kms.auth;

import io.ekms.core.db.Database;

/** {@link GrantStoreContract} on embedded PostgreSQL. */
class PostgresGrantStoreTest extends GrantStoreContract {
  @Override
  Database openDatabase() {
    return TestKeys.postgres();
  }
}
