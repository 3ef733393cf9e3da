package io.ekms.kms.service;

import io.ekms.core.db.Database;
import io.ekms.kms.store.KmsDatabases;

/** {@link PrincipalStoreContract} on an in-memory H2 database. */
class H2PrincipalStoreTest extends PrincipalStoreContract {
  @Override
  Database openDatabase() {
    return KmsDatabases.h2Memory();
  }
}
