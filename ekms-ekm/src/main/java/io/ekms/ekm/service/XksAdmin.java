package io.ekms.ekm.service;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.crypto.Randoms;
import io.ekms.core.db.Database;
import io.ekms.core.db.StoreException;
import io.ekms.ekm.auth.xks.SecretSealer;
import io.ekms.ekm.domain.Ids;
import io.ekms.ekm.domain.policy.PolicyScope;
import io.ekms.ekm.domain.xks.XksKeyStore;
import io.ekms.ekm.domain.xks.XksKeyStore.Credential;
import io.ekms.ekm.domain.xks.XksKeyStore.ExposedKey;
import io.ekms.ekm.domain.xks.XksUsage;
import io.ekms.ekm.service.AuditTrail.Target;
import io.ekms.ekm.store.Listed;
import io.ekms.ekm.store.PolicyRepository;
import io.ekms.ekm.store.XksRepository;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Admin use cases of XKS key stores: create, delete and change the rate of one, add and remove
 * SigV4 credentials (secrets sealed under the master key, never shown again), expose EKM keys under
 * external key ids. Every change is audited and takes effect on this node at once, without a
 * restart.
 */
public final class XksAdmin {
  private final Database db;
  private final SecretSealer sealer;
  private final XksDirectory directory;
  private final AuditTrail audit;
  private final Clock clock;
  private final Lookups lookups;
  private final XksRepository repo = new XksRepository();
  private final PolicyRepository policies = new PolicyRepository();

  public XksAdmin(
      Database db, SecretSealer sealer, XksDirectory directory, AuditTrail audit, Clock clock) {
    this.db = db;
    this.sealer = sealer;
    this.directory = directory;
    this.audit = audit;
    this.clock = clock;
    this.lookups = new Lookups(db);
  }

  public XksKeyStore createStore(CallContext ctx, String name, String uriPrefix, Integer rate) {
    if (name == null || name.isBlank() || name.length() > 255) {
      throw EkmError.INVALID_REQUEST.error("Field 'name' must be 1 to 255 characters.");
    }
    String prefix = uriPrefix == null ? "" : uriPrefix;
    if (!XksKeyStore.validPrefix(prefix)) {
      throw EkmError.INVALID_REQUEST.error(
          "Field 'uriPrefix' must be up to 128 of [a-zA-Z0-9/_-], without leading or trailing /.");
    }
    int perSecond = checkedRate(rate == null ? 0 : rate);
    XksKeyStore store =
        new XksKeyStore("xks-" + Randoms.hex(16), name, prefix, perSecond, List.of(), List.of());
    return change(
        ctx,
        "XksCreateKeyStore",
        () -> {
          write(c -> repo.insertStore(c, store, clock.instant()), "name or URI prefix");
          return store;
        });
  }

  /**
   * Changes a store's rate limit (requests a second, 0: none; bursts of one second's worth). This
   * node's throttle uses it from the next request on, with a fresh bucket; 404 when there is no
   * such store.
   */
  public XksKeyStore setRate(CallContext ctx, String storeId, int ratePerSecond) {
    return change(
        Ids.wellFormed(storeId)
            ? ctx.withDetails(
                Map.of("storeId", storeId, "ratePerSecond", String.valueOf(ratePerSecond)))
            : ctx,
        "XksUpdateKeyStore",
        () -> {
          checkedRate(ratePerSecond);
          int was = find(storeId).ratePerSecond();
          if (!db.inTransaction(c -> repo.updateRate(c, storeId, ratePerSecond))) {
            throw EkmError.NOT_FOUND.error("The XKS key store does not exist.");
          }
          ctx.mark().note(Map.of("previousRatePerSecond", String.valueOf(was)));
          return find(storeId);
        });
  }

  private static int checkedRate(int perSecond) {
    if (perSecond < 0 || perSecond > 1_000_000) {
      throw EkmError.INVALID_REQUEST.error("Field 'ratePerSecond' must be 0 to 1000000.");
    }
    return perSecond;
  }

  /**
   * One page of the key stores as stored now, oldest first: {@code limit} and {@code page} as
   * {@link Pages} reads them.
   */
  public Pages.Page<XksKeyStore> list(CallContext ctx, String limit, String pageToken) {
    return audit.run(
        ctx,
        "XksListKeyStores",
        new Target(null, null, null),
        null,
        () -> {
          var page = Pages.query(limit, pageToken);
          return Pages.of(
                  db.withConnection(c -> repo.page(c, page)), page, Listed::createdAt, Listed::id)
              .map(Listed::item);
        });
  }

  /** Every key store this node serves, by name (the console's list). */
  public List<XksKeyStore> list(CallContext ctx) {
    return audit.run(
        ctx, "XksListKeyStores", new Target(null, null, null), null, directory::stores);
  }

  public void addCredential(
      CallContext ctx, String storeId, String accessKeyId, SecretBytes secret) {
    find(storeId);
    if (!XksKeyStore.validAccessKeyId(accessKeyId) || !XksKeyStore.validSecret(secret)) {
      throw EkmError.INVALID_REQUEST.error(
          "accessKeyId must be 20 to 30 of [A-Z2-7], secretAccessKey 43 to 64 of"
              + " [A-Za-z0-9+/=].");
    }
    Credential cred = new Credential(accessKeyId, sealer.seal(accessKeyId, secret));
    change(
        ctx,
        "XksAddCredential",
        () -> {
          write(c -> repo.insertCredential(c, storeId, cred, clock.instant()), "access key id");
          return null;
        });
  }

  public void removeCredential(CallContext ctx, String storeId, String accessKeyId) {
    change(
        ctx,
        "XksRemoveCredential",
        () -> {
          if (!db.inTransaction(c -> repo.deleteCredential(c, storeId, accessKeyId))) {
            throw EkmError.NOT_FOUND.error("The key store has no such credential.");
          }
          return null;
        });
  }

  public void putKey(CallContext ctx, String storeId, ExposedKey key) {
    find(storeId);
    if (!XksKeyStore.validExternalKeyId(key.externalKeyId()) || key.usage() == null) {
      throw EkmError.INVALID_REQUEST.error(
          "externalKeyId must be 1 to 128 of [A-Za-z0-9._-], usage one of "
              + List.of(XksUsage.values())
              + ".");
    }
    change(
        ctx,
        "XksPutKey",
        () -> {
          Checks.exposableKey(lookups.find(key.vaultId(), key.keyId(), null), "XKS");
          db.inTransaction(
              c -> {
                repo.putKey(c, storeId, key);
                return null;
              });
          return null;
        });
  }

  public void removeKey(CallContext ctx, String storeId, String externalKeyId) {
    change(
        ctx,
        "XksRemoveKey",
        () -> {
          if (!db.inTransaction(c -> repo.deleteKey(c, storeId, externalKeyId))) {
            throw EkmError.NOT_FOUND.error("The key store has no such key.");
          }
          return null;
        });
  }

  /**
   * Deletes a key store with its credentials and exposed keys, in one transaction; the EKM keys it
   * exposed stay. 404 when there is no such store, 409 while key-access policies are attached to
   * it. Its credentials stop authenticating on this node at once.
   */
  public void deleteStore(CallContext ctx, String storeId) {
    change(
        Ids.wellFormed(storeId) ? ctx.withDetails(Map.of("storeId", storeId)) : ctx,
        "XksDeleteKeyStore",
        () -> {
          try {
            return db.inTransaction(
                c -> {
                  if (!repo.deleteStore(c, storeId)) {
                    throw EkmError.NOT_FOUND.error("The XKS key store does not exist.");
                  }
                  int attached = policies.list(c, PolicyScope.XKS_KEY_STORE, storeId).size();
                  if (attached > 0) { // thrown in the transaction: nothing is deleted
                    throw EkmError.CONFLICT.error(
                        attached
                            + (attached == 1 ? " key-access policy is" : " key-access policies are")
                            + " attached to this key store; delete them first.");
                  }
                  return null;
                });
          } catch (StoreException e) {
            if (e.isConstraintViolation()) { // a credential or key added meanwhile
              throw EkmError.CONFLICT.error("The key store changed meanwhile; retry.");
            }
            throw e;
          }
        });
  }

  private XksKeyStore find(String storeId) {
    directory.changed();
    return directory.stores().stream()
        .filter(s -> s.id().equals(storeId))
        .findFirst()
        .orElseThrow(() -> EkmError.NOT_FOUND.error("The XKS key store does not exist."));
  }

  private <T> T change(CallContext ctx, String op, java.util.function.Supplier<T> work) {
    try {
      return audit.run(ctx, op, new Target(null, null, null), null, work);
    } finally {
      directory.changed();
    }
  }

  private void write(VaultAdmin.SqlAction work, String unique) {
    VaultAdmin.writeUnique(db, work, "This " + unique + " is taken already.");
  }
}
