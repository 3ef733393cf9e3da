package io.ekms.kms.auth;

import io.ekms.core.db.Database;

/** {@link PrincipalStoreContract} on embedded PostgreSQL. */
class PostgresPrincipalStoreTest extends PrincipalStoreContract {
  @Override
  Database openDatabase() {
    return TestKeys.postgres();
  }
}
