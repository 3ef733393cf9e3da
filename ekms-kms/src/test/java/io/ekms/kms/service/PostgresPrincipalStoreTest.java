package io.ekms.kms.service;

import io.ekms.core.db.Database;
import io.ekms.kms.store.KmsDatabases;

/** {@link PrincipalStoreContract} on embedded PostgreSQL. */
class PostgresPrincipalStoreTest extends PrincipalStoreContract {
  @Override
  Database openDatabase() {
    return KmsDatabases.postgres();
  }
}
