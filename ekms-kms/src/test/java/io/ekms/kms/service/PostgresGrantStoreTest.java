package io.ekms.kms.service;

import io.ekms.core.db.Database;
import io.ekms.kms.store.KmsDatabases;

/** {@link GrantStoreContract} on embedded PostgreSQL. */
class PostgresGrantStoreTest extends GrantStoreContract {
  @Override
  Database openDatabase() {
    return KmsDatabases.postgres();
  }
}
