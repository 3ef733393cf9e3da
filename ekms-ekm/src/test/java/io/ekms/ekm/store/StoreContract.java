package io.ekms.ekm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.db.Database;
import io.ekms.core.db.StoreException;
import io.ekms.ekm.domain.Ids;
import io.ekms.ekm.domain.Issuer;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyVersion;
import io.ekms.ekm.domain.Vault;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the store contracts: one migrated database per test class (tests use fresh ids and names,
 * so they do not see each other's rows), the repositories, and seeding helpers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContract {
  protected final IssuerRepository issuers = new IssuerRepository();
  protected final VaultRepository vaults = new VaultRepository();
  protected final KeyRepository keys = new KeyRepository();
  protected final KeyVersionRepository versions = new KeyVersionRepository();
  protected final MetaRepository meta = new MetaRepository();
  protected Database db;

  /** A fresh, migrated database ({@code db/ekm} and {@code db/audit}) of the store under test. */
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
    void run(java.sql.Connection c) throws java.sql.SQLException;
  }

  protected void write(Write work) {
    db.inTransaction(
        c -> {
          work.run(c);
          return null;
        });
  }

  protected <T> T read(Database.SqlWork<T> work) {
    return db.withConnection(work);
  }

  // Typed reads: AssertJ's overloaded assertThat cannot infer the type of a generic read(lambda).

  protected Optional<Issuer> findIssuer(String id) {
    return read(c -> issuers.find(c, id));
  }

  protected Optional<Vault> findVault(String id) {
    return read(c -> vaults.find(c, id));
  }

  protected Optional<Key> findKey(String vaultId, String keyId) {
    return read(c -> keys.find(c, vaultId, keyId));
  }

  protected Optional<KeyVersion> findVersion(String keyId, String versionId) {
    return read(c -> versions.find(c, keyId, versionId));
  }

  protected List<KeyVersion> listVersions(String keyId) {
    return read(c -> versions.list(c, keyId));
  }

  protected Optional<String> getMeta(String name) {
    return read(c -> meta.get(c, name));
  }

  protected static void assertConstraintViolation(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            StoreException.class, e -> assertThat(e.isConstraintViolation()).isTrue());
  }

  /** A stored issuer, vault, key and its version 1 (the key's current version). */
  protected record Seeded(Issuer issuer, Vault vault, Key key, KeyVersion v1) {}

  protected Issuer seedIssuer() {
    Issuer issuer = StoreObjects.issuer();
    write(c -> issuers.insert(c, issuer));
    return issuer;
  }

  protected Vault seedVault() {
    Vault vault = StoreObjects.vault(seedIssuer().id());
    write(c -> vaults.insert(c, vault));
    return vault;
  }

  protected Seeded seedKey() {
    Vault vault = seedVault();
    String v1Id = Ids.newKeyVersion();
    Key key = StoreObjects.key(vault.id(), StoreObjects.unique("key"), v1Id);
    KeyVersion v1 = StoreObjects.version(v1Id, key.id(), 1);
    write(
        c -> {
          keys.insert(c, key);
          versions.insert(c, v1, "software");
        });
    Issuer issuer = findIssuer(vault.issuerId()).orElseThrow();
    return new Seeded(issuer, vault, key, v1);
  }

  protected KeyVersion addVersion(Key key, int number) {
    KeyVersion v = StoreObjects.version(Ids.newKeyVersion(), key.id(), number);
    write(c -> versions.insert(c, v, "software"));
    return v;
  }
}
