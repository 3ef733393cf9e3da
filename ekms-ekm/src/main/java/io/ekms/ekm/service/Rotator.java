package io.ekms.ekm.service;

import io.ekms.core.db.Database;
import io.ekms.core.db.StoreException;
import io.ekms.ekm.backend.KeyBackend;
import io.ekms.ekm.domain.Ids;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyHandle;
import io.ekms.ekm.domain.KeyState;
import io.ekms.ekm.domain.KeyVersion;
import io.ekms.ekm.domain.KeyVersionState;
import io.ekms.ekm.store.KeyRepository;
import io.ekms.ekm.store.KeyVersionRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

/**
 * The one rotation of a key, whoever asks for it (an admin, a KMS, the crypto period): new material
 * is generated in the key's backend first, then one transaction locks the key's row, runs the
 * caller's {@link Guard} on the locked key, records the new version and makes it current (which
 * starts a new crypto period). If anything fails the new material is destroyed, so nothing is left
 * behind. Not audited: its callers audit what they did.
 */
final class Rotator {
  private final Database db;
  private final Backends backends;
  private final Clock clock;
  private final KeyRepository keys = new KeyRepository();
  private final KeyVersionRepository versions = new KeyVersionRepository();

  Rotator(Database db, Backends backends, Clock clock) {
    this.db = db;
    this.backends = backends;
    this.clock = clock;
  }

  /** A check of the locked key inside the rotation's transaction; it throws to refuse. */
  @FunctionalInterface
  interface Guard {
    Guard NONE = (c, key) -> {};

    void check(Connection c, Key locked) throws SQLException;
  }

  /** JDBC work inside a recording transaction. */
  @FunctionalInterface
  interface Recording {
    void run(Connection c) throws SQLException;
  }

  /** Rotates the (not deleted) key; 404 NotFound for an unknown or deleted one. */
  KeyVersion rotate(String vaultId, String keyId, Guard guard) {
    Key key =
        db.withConnection(c -> keys.find(c, vaultId, keyId))
            .filter(k -> k.state() != KeyState.DELETED)
            .orElseThrow(() -> EkmError.NOT_FOUND.error("The key does not exist."));
    KeyBackend backend = backends.get(key.backend());
    String versionId = Ids.newKeyVersion();
    KeyHandle handle = backend.generate(versionId, key.lengthBits());
    Instant made = clock.instant();
    KeyVersion[] out = new KeyVersion[1];
    recordOrDestroy(
        db,
        backend,
        new KeyVersion(versionId, keyId, 1, KeyVersionState.ACTIVE, handle, made, made),
        c -> {
          Key locked =
              keys.findForUpdate(c, vaultId, keyId)
                  .filter(k -> k.state() != KeyState.DELETED)
                  .orElseThrow(() -> EkmError.NOT_FOUND.error("The key does not exist."));
          guard.check(c, locked);
          Instant now = clock.instant();
          out[0] =
              new KeyVersion(
                  versionId,
                  keyId,
                  versions.maxNumber(c, keyId) + 1,
                  KeyVersionState.ACTIVE,
                  handle,
                  now,
                  now);
          versions.insert(c, out[0], backend.name());
          keys.update(c, locked.withCurrentVersion(versionId, now));
        },
        "The key changed during rotation; retry.");
    return out[0];
  }

  /**
   * Runs {@code work} in one transaction; if it does not commit, {@code version}'s new material is
   * destroyed in its backend. A unique-key violation is 409 Conflict with {@code conflictMessage}.
   */
  static void recordOrDestroy(
      Database db, KeyBackend backend, KeyVersion version, Recording work, String conflictMessage) {
    boolean recorded = false;
    try {
      db.inTransaction(
          c -> {
            work.run(c);
            return null;
          });
      recorded = true;
    } catch (StoreException e) {
      throw VaultAdmin.conflictOr(e, conflictMessage);
    } finally {
      if (!recorded) {
        backend.destroy(version.handle(), version.id());
      }
    }
  }
}
