package io.ekms.kms.store;

import io.ekms.core.crypto.Randoms;
import io.ekms.core.db.Database;
import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.KeyVersion;
import io.ekms.kms.domain.PrivateEndpoint;
import io.ekms.kms.domain.Vault;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the KMS store contracts: one migrated database per contract class (tests use fresh ids
 * and compartments, so they do not see each other's rows), the repositories and seeding helpers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KmsStoreContract {
  protected final PrivateEndpointRepository endpoints = new PrivateEndpointRepository();
  protected final VaultRepository vaults = new VaultRepository();
  protected final KeyRepository keys = new KeyRepository();
  protected final KeyVersionRepository versions = new KeyVersionRepository();
  protected final RetryTokenRepository tokens = new RetryTokenRepository();
  protected Database db;

  /** A fresh database with the {@code db/kms} migrations, of the store under test. */
  protected abstract Database openDatabase();

  @BeforeAll
  void open() {
    db = openDatabase();
  }

  @AfterAll
  void close() {
    if (db != null) {
      db.close();
    }
  }

  /** JDBC work without a result. */
  @FunctionalInterface
  interface Write {
    void run(Connection c) throws SQLException;
  }

  protected void write(Write work) {
    db.inTransaction(
        c -> {
          work.run(c);
          return null;
        });
  }

  // Typed reads: AssertJ's overloaded assertThat cannot infer the type of a generic lambda read.

  protected Optional<PrivateEndpoint> findEndpoint(String id) {
    return db.withConnection(c -> endpoints.find(c, id));
  }

  protected Optional<Vault> findVault(String id) {
    return db.withConnection(c -> vaults.find(c, id));
  }

  protected Optional<Key> findKey(String id) {
    return db.withConnection(c -> keys.find(c, id));
  }

  protected Optional<KeyVersion> findVersion(String id) {
    return db.withConnection(c -> versions.find(c, id));
  }

  protected List<String> ids(List<?> rows) {
    return rows.stream()
        .map(
            r ->
                switch (r) {
                  case PrivateEndpoint p -> p.id();
                  case Vault v -> v.id();
                  case Key k -> k.id();
                  case KeyVersion v -> v.id();
                  default -> throw new IllegalArgumentException(String.valueOf(r));
                })
        .toList();
  }

  protected PrivateEndpoint seedEndpoint(String compartmentId, Instant created) {
    PrivateEndpoint p = KmsRecords.endpoint(compartmentId, created);
    write(c -> endpoints.insert(c, p));
    return p;
  }

  protected Vault seedVault(String compartmentId, Instant created) {
    PrivateEndpoint p = seedEndpoint(compartmentId, created);
    Vault v = KmsRecords.vault(compartmentId, p.id(), created);
    write(c -> vaults.insert(c, v));
    return v;
  }

  protected Key seedKey(Vault vault, String compartmentId, Instant created) {
    Key k = KmsRecords.key(vault, compartmentId, created);
    write(c -> keys.insert(c, k));
    return k;
  }

  protected KeyVersion seedVersion(Key key, Instant created) {
    KeyVersion v = KmsRecords.version(key, "ext-v-" + Randoms.hex(6), created);
    write(c -> versions.insert(c, v));
    return v;
  }

  /** A vault and a key in a fresh compartment, at T0. */
  protected Key seedKey() {
    String compartment = KmsRecords.compartment();
    return seedKey(seedVault(compartment, KmsRecords.T0), compartment, KmsRecords.T0);
  }
}
