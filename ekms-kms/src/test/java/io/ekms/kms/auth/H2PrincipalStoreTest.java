package io.ekms.kms.auth;

import io.ekms.core.db.Database;

/** {@link PrincipalStoreContract} on an in-memory H2 database. */
class H2PrincipalStoreTest extends PrincipalStoreContract {
  @Override
  Database openDatabase() {
    return TestKeys.h2();
  }
}
