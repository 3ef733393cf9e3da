package io.ekms.ekm.service;

import io.ekms.core.db.Database;
import io.ekms.core.db.StoreException;
import io.ekms.ekm.backend.KeyBackend;
import io.ekms.ekm.domain.Ids;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyHandle;
import io.ekms.ekm.domain.KeyOp;
import io.ekms.ekm.domain.KeyState;
import io.ekms.ekm.domain.KeyVersion;
import io.ekms.ekm.domain.KeyVersionState;
import io.ekms.ekm.service.AuditTrail.Target;
import io.ekms.ekm.store.KeyRepository;
import io.ekms.ekm.store.KeyVersionRepository;
import io.ekms.ekm.store.VaultRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Admin use cases for keys: create, rotate, change the allowed operations, enable, disable, delete.
 * Material is generated in the backend before the transaction that records it; if recording fails
 * the new material is destroyed, so nothing is left behind.
 */
public final class KeyAdmin {
  private final Database db;
  private final Backends backends;
  private final AuditTrail audit;
  private final Clock clock;
  private final VaultRepository vaults = new VaultRepository();
  private final KeyRepository keys = new KeyRepository();
  private final KeyVersionRepository versions = new KeyVersionRepository();

  public KeyAdmin(Database db, Backends backends, AuditTrail audit, Clock clock) {
    this.db = db;
    this.backends = backends;
    this.audit = audit;
    this.clock = clock;
  }

  public Key create(
      CallContext ctx,
      String vaultId,
      String name,
      Integer lengthBits,
      Set<KeyOp> ops,
      String backendName) {
    return audit.run(
        ctx,
        "CreateKey",
        new Target(vaultId, null, null),
        k -> new Target(vaultId, k.id(), k.currentVersionId()),
        () -> {
          KeyBackend backend = backends.forNewKey(backendName);
          Instant now = clock.instant();
          String versionId = Ids.newKeyVersion();
          Key key =
              Requests.build(
                  () ->
                      new Key(
                          Ids.newKey(),
                          vaultId,
                          name,
                          lengthBits == null ? 256 : lengthBits,
                          KeyState.ACTIVE,
                          ops == null ? Set.of(KeyOp.ENCRYPT, KeyOp.DECRYPT) : ops,
                          versionId,
                          backend.name(),
                          now,
                          now));
          db.withConnection(c -> vaults.find(c, vaultId))
              .orElseThrow(() -> EkmError.NOT_FOUND.error("The vault does not exist."));
          KeyHandle handle = backend.generate(versionId, key.lengthBits());
          KeyVersion v1 =
              new KeyVersion(versionId, key.id(), 1, KeyVersionState.ACTIVE, handle, now, now);
          recordOrDestroy(
              backend,
              v1,
              c -> {
                keys.insert(c, key);
                versions.insert(c, v1, backend.name());
              },
              "A key with this name already exists in the vault.");
          return key;
        });
  }

  public KeyVersion rotate(CallContext ctx, String vaultId, String keyId) {
    return audit.run(
        ctx,
        "RotateKey",
        new Target(vaultId, keyId, null),
        v -> new Target(vaultId, keyId, v.id()),
        () -> {
          Key key = db.withConnection(c -> find(c, vaultId, keyId));
          KeyBackend backend = backends.get(key.backend());
          String versionId = Ids.newKeyVersion();
          KeyHandle handle = backend.generate(versionId, key.lengthBits());
          KeyVersion[] made = new KeyVersion[1];
          recordOrDestroy(
              backend,
              new KeyVersion(
                  versionId,
                  keyId,
                  1,
                  KeyVersionState.ACTIVE,
                  handle,
                  clock.instant(),
                  clock.instant()),
              c -> {
                Key locked =
                    keys.findForUpdate(c, vaultId, keyId)
                        .filter(k -> k.state() != KeyState.DELETED)
                        .orElseThrow(() -> EkmError.NOT_FOUND.error("The key does not exist."));
                Instant now = clock.instant();
                made[0] =
                    new KeyVersion(
                        versionId,
                        keyId,
                        versions.maxNumber(c, keyId) + 1,
                        KeyVersionState.ACTIVE,
                        handle,
                        now,
                        now);
                versions.insert(c, made[0], backend.name());
                keys.update(c, locked.withCurrentVersion(versionId, now));
              },
              "The key changed during rotation; retry.");
          return made[0];
        });
  }

  public Key setState(CallContext ctx, String vaultId, String keyId, KeyState next) {
    String op =
        switch (next) {
          case ACTIVE -> "EnableKey";
          case DISABLED -> "DisableKey";
          case DELETED -> "DeleteKey";
        };
    return audit.run(
        ctx,
        op,
        new Target(vaultId, keyId, null),
        null,
        () -> {
          Key updated =
              db.inTransaction(
                  c -> {
                    Key key =
                        keys.findForUpdate(c, vaultId, keyId)
                            .filter(k -> k.state() != KeyState.DELETED)
                            .orElseThrow(() -> EkmError.NOT_FOUND.error("The key does not exist."));
                    if (key.state() != next && !key.state().canBecome(next)) {
                      throw EkmError.CONFLICT.error(
                          "A " + key.state() + " key cannot become " + next + ".");
                    }
                    Key changed = key.withState(next, clock.instant());
                    keys.update(c, changed);
                    if (next == KeyState.DELETED) {
                      destroyAll(c, changed);
                    }
                    return changed;
                  });
          return updated;
        });
  }

  /**
   * Changes the operations a key allows: at least one of ENCRYPT and DECRYPT, as for a new key. The
   * EKM API reads the key afresh for every call, so the next call meets the new operations. 404 for
   * an unknown key, 409 {@code Conflict} for a deleted one; audited with the operations before and
   * after.
   */
  public Key setOps(CallContext ctx, String vaultId, String keyId, Set<KeyOp> ops) {
    return audit.run(
        ctx,
        "UpdateKey",
        new Target(vaultId, keyId, null),
        null,
        () -> {
          if (ops == null || ops.isEmpty()) {
            throw EkmError.INVALID_REQUEST.error(
                "Field 'ops' must hold ENCRYPT, DECRYPT or both; a key allows at least one.");
          }
          return db.inTransaction(
              c -> {
                Key key =
                    keys.findForUpdate(c, vaultId, keyId)
                        .orElseThrow(() -> EkmError.NOT_FOUND.error("The key does not exist."));
                if (key.state() == KeyState.DELETED) {
                  throw EkmError.CONFLICT.error(
                      "The key is deleted; its operations cannot change.");
                }
                Key changed = key.withOps(ops, clock.instant());
                keys.update(c, changed);
                ctx.mark().note(Map.of("oldOps", names(key.ops()), "newOps", names(changed.ops())));
                return changed;
              });
        });
  }

  private static String names(Set<KeyOp> ops) {
    return ops.stream().map(Enum::name).sorted().collect(java.util.stream.Collectors.joining(","));
  }

  public Key get(CallContext ctx, String vaultId, String keyId) {
    return audit.run(
        ctx,
        "GetKey",
        new Target(vaultId, keyId, null),
        null,
        () -> db.withConnection(c -> find(c, vaultId, keyId)));
  }

  /**
   * One page of the vault's keys, oldest first: {@code limit} and {@code page} as {@link Pages}
   * reads them.
   */
  public Pages.Page<Key> list(CallContext ctx, String vaultId, String limit, String pageToken) {
    return audit.run(
        ctx,
        "ListKeys",
        new Target(vaultId, null, null),
        null,
        () -> {
          var page = Pages.query(limit, pageToken);
          return Pages.of(
              db.withConnection(c -> keys.page(c, vaultId, page)), page, Key::createdAt, Key::id);
        });
  }

  public List<Key> list(CallContext ctx, String vaultId) {
    return audit.run(
        ctx,
        "ListKeys",
        new Target(vaultId, null, null),
        null,
        () -> db.withConnection(c -> keys.list(c, vaultId)));
  }

  Key find(Connection c, String vaultId, String keyId) throws SQLException {
    return keys.find(c, vaultId, keyId)
        .filter(k -> k.state() != KeyState.DELETED)
        .orElseThrow(() -> EkmError.NOT_FOUND.error("The key does not exist."));
  }

  private void destroyAll(Connection c, Key key) throws SQLException {
    for (KeyVersion v : versions.list(c, key.id())) {
      if (v.state() != KeyVersionState.DESTROYED) {
        backends.get(v.handle().backend()).destroy(v.handle(), v.id());
        versions.updateState(c, v.withState(KeyVersionState.DESTROYED, clock.instant()));
      }
    }
  }

  /** JDBC work inside the recording transaction. */
  @FunctionalInterface
  interface Recording {
    void run(Connection c) throws SQLException;
  }

  private void recordOrDestroy(
      KeyBackend backend, KeyVersion version, Recording work, String conflictMessage) {
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
