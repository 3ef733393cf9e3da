package io.ekms.kms.auth;

import io.ekms.core.db.Database;

/** {@link GrantStoreContract} on an in-memory H2 database. */
class H2GrantStoreTest extends GrantStoreContract {
  @Override
  Database openDatabase() {
    return TestKeys.h2();
  }
}
