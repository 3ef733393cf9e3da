package io.ekms.ekm.service;

import io.ekms.core.db.Database;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyState;
import io.ekms.ekm.domain.KeyVersion;
import io.ekms.ekm.domain.KeyVersionState;
import io.ekms.ekm.service.AuditTrail.Target;
import io.ekms.ekm.store.KeyRepository;
import io.ekms.ekm.store.KeyVersionRepository;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Admin use cases for key versions. The current version cannot be disabled or destroyed: rotate
 * first, so a key always has a version that encrypts.
 */
public final class VersionAdmin {
  private final Database db;
  private final Backends backends;
  private final AuditTrail audit;
  private final Clock clock;
  private final KeyRepository keys = new KeyRepository();
  private final KeyVersionRepository versions = new KeyVersionRepository();

  public VersionAdmin(Database db, Backends backends, AuditTrail audit, Clock clock) {
    this.db = db;
    this.backends = backends;
    this.audit = audit;
    this.clock = clock;
  }

  public List<KeyVersion> list(CallContext ctx, String vaultId, String keyId) {
    return audit.run(
        ctx,
        "ListKeyVersions",
        new Target(vaultId, keyId, null),
        null,
        () ->
            db.withConnection(
                c -> {
                  key(c, vaultId, keyId);
                  return versions.list(c, keyId);
                }));
  }

  public KeyVersion setState(
      CallContext ctx, String vaultId, String keyId, String versionId, KeyVersionState next) {
    String op =
        switch (next) {
          case ACTIVE -> "EnableKeyVersion";
          case DISABLED -> "DisableKeyVersion";
          case DESTROYED -> "DestroyKeyVersion";
        };
    return audit.run(
        ctx,
        op,
        new Target(vaultId, keyId, versionId),
        null,
        () ->
            db.inTransaction(
                c -> {
                  Key key = live(keys.findForUpdate(c, vaultId, keyId));
                  KeyVersion version =
                      versions
                          .find(c, keyId, versionId)
                          .orElseThrow(
                              () -> EkmError.NOT_FOUND.error("The key version does not exist."));
                  if (version.state() == next) {
                    return version;
                  }
                  if (!version.state().canBecome(next)) {
                    throw EkmError.CONFLICT.error(
                        "A " + version.state() + " key version cannot become " + next + ".");
                  }
                  if (next != KeyVersionState.ACTIVE && versionId.equals(key.currentVersionId())) {
                    throw EkmError.CONFLICT.error(
                        "The current version cannot be " + next + "; rotate the key first.");
                  }
                  if (next == KeyVersionState.DESTROYED) {
                    backends.get(version.handle().backend()).destroy(version.handle(), versionId);
                  }
                  KeyVersion changed = version.withState(next, clock.instant());
                  versions.updateState(c, changed);
                  return changed;
                }));
  }

  private void key(java.sql.Connection c, String vaultId, String keyId)
      throws java.sql.SQLException {
    live(keys.find(c, vaultId, keyId));
  }

  /** A deleted key is gone: its versions answer 404 like the key itself. */
  private static Key live(Optional<Key> key) {
    return key.filter(k -> k.state() != KeyState.DELETED)
        .orElseThrow(() -> EkmError.NOT_FOUND.error("The key does not exist."));
  }
}
