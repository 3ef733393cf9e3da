package io.ekms.kms.service;

import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.KeyVersion;
import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.domain.Ocids;
import io.ekms.kms.domain.Page;
import io.ekms.kms.domain.PrivateEndpoint;
import io.ekms.kms.domain.Vault;
import io.ekms.kms.external.ExternalVault;
import io.ekms.kms.service.KmsAudit.Target;
import java.time.Instant;
import java.util.List;

/**
 * Key versions. Rotation is two steps: rotate in the EKM, then create a key version here, which
 * records the EKM's (given or current) version and makes it the key's current one.
 */
public final class KeyVersionService {
  private final KeyManagement mgmt;

  public KeyVersionService(KeyManagement mgmt) {
    this.mgmt = mgmt;
  }

  public KeyVersion create(Caller caller, String vaultId, String keyId, String externalVersionId) {
    return mgmt.audit()
        .run(
            caller,
            "CreateKeyVersion",
            new Target(vaultId, keyId, null),
            v -> new Target(vaultId, keyId, v.id()),
            () -> {
              Vault vault = mgmt.resources().vault(vaultId);
              Key key = mgmt.resources().key(vaultId, keyId);
              Needs.key(Access.Need.MANAGE, vault, key).check(mgmt.access(), caller);
              if (key.state() != Lifecycle.ENABLED) {
                throw KmsError.INCORRECT_STATE.error("The key is " + key.state() + ".");
              }
              PrivateEndpoint endpoint = mgmt.resources().endpoint(vault.privateEndpointId());
              ExternalVault ekm =
                  mgmt.externalVaults().forVault(vault, () -> endpoint, mgmt.sealer()::open);
              String external =
                  externalVersionId == null
                      ? null
                      : Validate.externalId("externalKeyVersionId", externalVersionId);
              if (external == null) {
                ExternalVault.KeyInfo info = ekm.key(caller.requestId(), key.externalKeyId());
                ExternalChecks.usableKey(info, key.lengthBytes());
                external = info.currentVersionId();
              }
              Validate.check(external.length() <= 255, "'externalKeyVersionId' is too long.");
              ExternalChecks.activeVersion(
                  ekm.keyVersion(caller.requestId(), key.externalKeyId(), external));
              Instant now = mgmt.clock().instant();
              KeyVersion version =
                  new KeyVersion(
                      Ocids.newId("keyversion"),
                      key.id(),
                      vaultId,
                      key.compartmentId(),
                      external,
                      Lifecycle.ENABLED,
                      now,
                      now,
                      null);
              try {
                mgmt.resources()
                    .db
                    .inTransaction(
                        c -> {
                          // The EKM was asked outside the lock: the key may have changed meanwhile.
                          Key locked =
                              mgmt.resources()
                                  .keys
                                  .findForUpdate(c, key.id())
                                  .orElseThrow(KmsError::notFound);
                          if (locked.state() != Lifecycle.ENABLED) {
                            throw KmsError.INCORRECT_STATE.error(
                                "The key is " + locked.state() + ".");
                          }
                          mgmt.resources().versions.insert(c, version);
                          mgmt.resources()
                              .keys
                              .update(c, locked.withCurrentVersion(version.id(), now));
                          return null;
                        });
              } catch (io.ekms.core.db.StoreException e) {
                if (e.isDuplicateKey()) {
                  throw KmsError.INCORRECT_STATE.error(
                      "This external key version is already a version of the key.");
                }
                throw e;
              }
              return version;
            });
  }

  public KeyVersion get(Caller caller, String vaultId, String keyId, String versionId) {
    return mgmt.audit()
        .run(
            caller,
            "GetKeyVersion",
            new Target(vaultId, keyId, versionId),
            null,
            () -> {
              Vault vault = mgmt.resources().vault(vaultId);
              Key key = mgmt.resources().key(vaultId, keyId);
              KeyVersion version = mgmt.resources().version(key, versionId);
              Needs.key(Access.Need.READ, vault, key)
                  .resource(version.compartmentId())
                  .check(mgmt.access(), caller);
              return version;
            });
  }

  public List<KeyVersion> list(Caller caller, String vaultId, String keyId, Page page) {
    return mgmt.audit()
        .run(
            caller,
            "ListKeyVersions",
            new Target(vaultId, keyId, null),
            null,
            () -> {
              Vault vault = mgmt.resources().vault(vaultId);
              Key key = mgmt.resources().key(vaultId, keyId);
              Needs.key(Access.Need.READ, vault, key).check(mgmt.access(), caller);
              return mgmt.resources()
                  .db
                  .withConnection(c -> mgmt.resources().versions.list(c, keyId, page));
            });
  }

  public KeyVersion scheduleDeletion(
      Caller caller, String vaultId, String keyId, String versionId, Instant when, String ifMatch) {
    Instant at = Deletions.time(when, mgmt.clock());
    return change(
        caller,
        "ScheduleKeyVersionDeletion",
        vaultId,
        keyId,
        versionId,
        ifMatch,
        (key, v) -> {
          if (v.id().equals(key.currentVersionId())) {
            throw KmsError.INCORRECT_STATE.error(
                "The current key version cannot be deleted; create a new version first.");
          }
          if (v.state() != Lifecycle.ENABLED) {
            throw KmsError.INCORRECT_STATE.error("The key version is " + v.state() + ".");
          }
          return v.withState(Lifecycle.PENDING_DELETION, at, mgmt.clock().instant());
        });
  }

  public KeyVersion cancelDeletion(
      Caller caller, String vaultId, String keyId, String versionId, String ifMatch) {
    return change(
        caller,
        "CancelKeyVersionDeletion",
        vaultId,
        keyId,
        versionId,
        ifMatch,
        (key, v) -> {
          if (v.state() != Lifecycle.PENDING_DELETION) {
            throw KmsError.INCORRECT_STATE.error("The key version is not pending deletion.");
          }
          return v.withState(Lifecycle.ENABLED, null, mgmt.clock().instant());
        });
  }

  private KeyVersion change(
      Caller caller,
      String operation,
      String vaultId,
      String keyId,
      String versionId,
      String ifMatch,
      java.util.function.BiFunction<Key, KeyVersion, KeyVersion> change) {
    return mgmt.audit()
        .run(
            caller,
            operation,
            new Target(vaultId, keyId, versionId),
            null,
            () ->
                mgmt.resources()
                    .db
                    .inTransaction(
                        c -> {
                          Vault vault = mgmt.resources().vault(c, vaultId);
                          Key key =
                              mgmt.resources()
                                  .keys
                                  .findForUpdate(c, keyId)
                                  .filter(
                                      k ->
                                          k.state() != Lifecycle.DELETED
                                              && k.vaultId().equals(vaultId))
                                  .orElseThrow(KmsError::notFound);
                          KeyVersion v =
                              mgmt.resources()
                                  .versions
                                  .find(c, versionId)
                                  .filter(
                                      x ->
                                          x.state() != Lifecycle.DELETED && x.keyId().equals(keyId))
                                  .orElseThrow(KmsError::notFound);
                          Needs.key(Access.Need.MANAGE, vault, key)
                              .resource(v.compartmentId())
                              .check(mgmt.access(), caller);
                          ETags.check(ifMatch, ETags.of(v.id(), v.timeUpdated()));
                          KeyVersion next = change.apply(key, v);
                          mgmt.resources().versions.update(c, next);
                          return next;
                        }));
  }
}
