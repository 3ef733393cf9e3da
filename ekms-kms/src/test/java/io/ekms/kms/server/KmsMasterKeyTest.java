package io.ekms.kms.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.db.Database;
import io.ekms.kms.store.KmsDatabases;
import org.junit.jupiter.api.Test;

/** The master key's check value when KMS nodes start together on a new database. */
class KmsMasterKeyTest {
  @Test
  void insertOrRead_anotherNodeStoredFirst_returnsTheFirstValue() {
    try (Database db = KmsDatabases.h2Memory()) {
      assertThat(KmsMasterKey.insertOrRead(db, "first")).isEqualTo("first");

      assertThat(KmsMasterKey.insertOrRead(db, "second")).isEqualTo("first");
      assertThat(KmsMasterKey.storeOnce(db, "third")).isEqualTo("first");
    }
  }
}
