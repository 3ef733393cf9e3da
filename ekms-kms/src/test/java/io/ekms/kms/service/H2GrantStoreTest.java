package io.ekms.kms.service;

import io.ekms.core.db.Database;
import io.ekms.kms.store.KmsDatabases;

/** {@link GrantStoreContract} on an in-memory H2 database. */
class H2GrantStoreTest extends GrantStoreContract {
  @Override
  Database openDatabase() {
    return KmsDatabases.h2Memory();
  }
}
