package io.ekms.ekm.service;

import io.ekms.core.db.Database;
import io.ekms.ekm.backend.KeyBackend;
import io.ekms.ekm.domain.Ids;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyHandle;
import io.ekms.ekm.domain.KeyOp;
import io.ekms.ekm.domain.KeyState;
import io.ekms.ekm.domain.KeyVersion;
import io.ekms.ekm.domain.KeyVersionState;
import io.ekms.ekm.domain.KmsRotation;
import io.ekms.ekm.service.AuditTrail.Target;
import io.ekms.ekm.store.KeyRepository;
import io.ekms.ekm.store.KeyVersionRepository;
import io.ekms.ekm.store.VaultRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
  private final Rotator rotator;

  public KeyAdmin(Database db, Backends backends, AuditTrail audit, Clock clock) {
    this.db = db;
    this.backends = backends;
    this.audit = audit;
    this.clock = clock;
    this.rotator = new Rotator(db, backends, clock);
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
        () -> rotator.rotate(vaultId, keyId, Rotator.Guard.NONE));
  }

  public Key setState(CallContext ctx, String vaultId, String keyId, KeyState next) {
    String op =
        switch (next) {
          case ACTIVE -> "EnableKey";
          case DISABLED -> "DisableKey";
          case DELETED -> "DeleteKey";
          case PENDING_DELETION ->
              throw new IllegalArgumentException("schedule deletions through KeyDeletions");
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
    if (ops == null || ops.isEmpty()) {
      return audit.run(
          ctx,
          "UpdateKey",
          new Target(vaultId, keyId, null),
          null,
          () -> {
            throw EkmError.INVALID_REQUEST.error(
                "Field 'ops' must hold ENCRYPT, DECRYPT or both; a key allows at least one.");
          });
    }
    return update(ctx, vaultId, keyId, new KeyUpdate(ops, null, false, null));
  }

  /**
   * What an update of a key changes; a null field (or {@code periodSet} false) leaves it as it is.
   *
   * @param ops the operations the key allows from now on (at least one)
   * @param kmsRotation what the EKM answers a KMS asking it to rotate the key
   * @param periodSet whether the crypto period changes, to {@code periodDays} (null: none)
   */
  public record KeyUpdate(
      Set<KeyOp> ops, KmsRotation kmsRotation, boolean periodSet, Integer periodDays) {
    boolean empty() {
      return ops == null && kmsRotation == null && !periodSet;
    }
  }

  /**
   * Changes a key's operations and rotation settings in one transaction (docs/operations.md,
   * Rotation): 400 InvalidRequest for an empty update or a period outside 1 to 3650 days, 404 for
   * an unknown key, 409 Conflict for a deleted one; audited as UpdateKey with each changed setting
   * before and after. A new crypto period counts from now.
   */
  public Key update(CallContext ctx, String vaultId, String keyId, KeyUpdate change) {
    return audit.run(
        ctx,
        "UpdateKey",
        new Target(vaultId, keyId, null),
        null,
        () -> {
          if (change.empty()) {
            throw EkmError.INVALID_REQUEST.error(
                "Nothing to change: set 'ops', 'kmsRotation' or 'rotationPeriodDays'.");
          }
          if (change.ops() != null && change.ops().isEmpty()) {
            throw EkmError.INVALID_REQUEST.error(
                "Field 'ops' must hold ENCRYPT, DECRYPT or both; a key allows at least one.");
          }
          Integer days = change.periodDays();
          if (change.periodSet()
              && days != null
              && (days < 1 || days > Key.MAX_ROTATION_PERIOD_DAYS)) {
            throw EkmError.INVALID_REQUEST.error(
                "Field 'rotationPeriodDays' must be 1 to 3650, or null for no crypto period.");
          }
          return db.inTransaction(
              c -> {
                Key key =
                    keys.findForUpdate(c, vaultId, keyId)
                        .orElseThrow(() -> EkmError.NOT_FOUND.error("The key does not exist."));
                if (key.state() == KeyState.DELETED) {
                  throw EkmError.CONFLICT.error("The key is deleted; it cannot change.");
                }
                Instant now = clock.instant();
                Key changed = key;
                if (change.ops() != null) {
                  changed = changed.withOps(change.ops(), now);
                }
                changed =
                    changed.withRotation(
                        change.kmsRotation() == null ? key.kmsRotation() : change.kmsRotation(),
                        change.periodSet() ? days : key.rotationPeriodDays(),
                        now);
                keys.update(c, changed);
                ctx.mark().note(KeyChanges.of(key, changed));
                return changed;
              });
        });
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

  /** Deletes a key for good, in the caller's transaction: DELETED, every version destroyed. */
  Key finishDeletion(Connection c, Key key) throws SQLException {
    Key deleted = key.withState(KeyState.DELETED, clock.instant());
    keys.update(c, deleted);
    destroyAll(c, deleted);
    return deleted;
  }

  private void destroyAll(Connection c, Key key) throws SQLException {
    for (KeyVersion v : versions.list(c, key.id())) {
      if (v.state() != KeyVersionState.DESTROYED) {
        backends.get(v.handle().backend()).destroy(v.handle(), v.id());
        versions.updateState(c, v.withState(KeyVersionState.DESTROYED, clock.instant()));
      }
    }
  }

  private void recordOrDestroy(
      KeyBackend backend, KeyVersion version, Rotator.Recording work, String conflictMessage) {
    Rotator.recordOrDestroy(db, backend, version, work, conflictMessage);
  }
}
