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
 * Key references. Creating one asks the EKM that the key exists, is ACTIVE, is AES of the asked
 * length and allows ENCRYPT and DECRYPT, and records its current version as version 1.
 */
public final class KeyService {
  private final KeyManagement mgmt;

  public KeyService(KeyManagement mgmt) {
    this.mgmt = mgmt;
  }

  /** CreateKeyDetails, flattened. */
  public record Create(
      String compartmentId,
      String displayName,
      String algorithm,
      Integer length,
      String protectionMode,
      String externalKeyId) {}

  public Key create(Caller caller, String vaultId, Create in) {
    return mgmt.audit()
        .run(
            caller,
            "CreateKey",
            new Target(vaultId, null, null),
            k -> new Target(vaultId, k.id(), k.currentVersionId()),
            () -> {
              String compartmentId = Validate.compartment(in.compartmentId());
              Vault vault = mgmt.resources().vault(vaultId);
              Needs.of(Access.Need.MANAGE)
                  .parent(vault.compartmentId())
                  .resource(compartmentId)
                  .check(mgmt.access(), caller);
              if (vault.state() != Lifecycle.ACTIVE) {
                throw KmsError.INCORRECT_STATE.error("The vault is " + vault.state() + ".");
              }
              Validate.check(
                  "EXTERNAL".equals(in.protectionMode()),
                  "'protectionMode' must be EXTERNAL for a key in an external vault.");
              Validate.check(
                  "AES".equals(Validate.required("keyShape.algorithm", in.algorithm())),
                  "'keyShape.algorithm' must be AES.");
              int length = Validate.required("keyShape.length", in.length());
              Validate.check(
                  length == 16 || length == 24 || length == 32,
                  "'keyShape.length' must be 16, 24 or 32 (bytes).");
              String externalKeyId =
                  Validate.externalId("externalKeyReference.externalKeyId", in.externalKeyId());
              PrivateEndpoint endpoint = mgmt.resources().endpoint(vault.privateEndpointId());
              ExternalVault ekm =
                  mgmt.externalVaults().forVault(vault, () -> endpoint, mgmt.sealer()::open);
              ExternalVault.KeyInfo info = ekm.key(caller.requestId(), externalKeyId);
              ExternalChecks.usableKey(info, length);
              ExternalChecks.activeVersion(
                  ekm.keyVersion(caller.requestId(), externalKeyId, info.currentVersionId()));
              Instant now = mgmt.clock().instant();
              String keyId = Ocids.newId("key");
              String versionId = Ocids.newId("keyversion");
              Key key =
                  new Key(
                      keyId,
                      vaultId,
                      in.compartmentId(),
                      Validate.displayName(in.displayName()),
                      length,
                      Lifecycle.ENABLED,
                      null,
                      versionId,
                      externalKeyId,
                      now,
                      now,
                      null);
              KeyVersion v1 =
                  new KeyVersion(
                      versionId,
                      keyId,
                      vaultId,
                      in.compartmentId(),
                      info.currentVersionId(),
                      Lifecycle.ENABLED,
                      now,
                      now,
                      null);
              mgmt.resources()
                  .db
                  .inTransaction(
                      c -> {
                        // The EKM was asked outside the lock: the vault may have changed meanwhile.
                        lockActiveVault(c, vaultId);
                        mgmt.resources().keys.insert(c, key);
                        mgmt.resources().versions.insert(c, v1);
                        return null;
                      });
              return key;
            });
  }

  public Key get(Caller caller, String vaultId, String keyId) {
    return mgmt.audit()
        .run(
            caller,
            "GetKey",
            new Target(vaultId, keyId, null),
            null,
            () -> {
              Vault vault = mgmt.resources().vault(vaultId);
              Key k = mgmt.resources().key(vaultId, keyId);
              Needs.key(Access.Need.READ, vault, k).check(mgmt.access(), caller);
              return k;
            });
  }

  public List<Key> list(Caller caller, String vaultId, String compartmentId, Page page) {
    return mgmt.audit()
        .run(
            caller,
            "ListKeys",
            new Target(vaultId, null, null),
            null,
            () -> {
              String listed = Validate.compartment(compartmentId);
              Vault vault = mgmt.resources().vault(vaultId);
              Needs.of(Access.Need.READ)
                  .resource(vault.compartmentId())
                  .resource(listed)
                  .check(mgmt.access(), caller);
              return mgmt.resources()
                  .db
                  .withConnection(c -> mgmt.resources().keys.list(c, vaultId, compartmentId, page));
            });
  }

  /** Applies a state change to a key under its row lock, checking the caller and if-match. */
  public Key change(
      Caller caller,
      String operation,
      String vaultId,
      String keyId,
      String ifMatch,
      java.util.function.UnaryOperator<Key> change) {
    return mgmt.audit()
        .run(
            caller,
            operation,
            new Target(vaultId, keyId, null),
            null,
            () ->
                mgmt.resources()
                    .db
                    .inTransaction(
                        c -> {
                          Vault vault = mgmt.resources().vault(c, vaultId);
                          Key k =
                              mgmt.resources()
                                  .keys
                                  .findForUpdate(c, keyId)
                                  .filter(
                                      x ->
                                          x.state() != Lifecycle.DELETED
                                              && x.vaultId().equals(vaultId))
                                  .orElseThrow(KmsError::notFound);
                          Needs.key(Access.Need.MANAGE, vault, k).check(mgmt.access(), caller);
                          ETags.check(ifMatch, ETags.of(k.id(), k.timeUpdated()));
                          Key next = change.apply(k);
                          mgmt.resources().keys.update(c, next);
                          return next;
                        }));
  }

  public Key rename(
      Caller caller, String vaultId, String keyId, String displayName, String ifMatch) {
    String name = Validate.displayName(displayName);
    return change(
        caller,
        "UpdateKey",
        vaultId,
        keyId,
        ifMatch,
        k -> name == null ? k : k.withDisplayName(name, mgmt.clock().instant()));
  }

  /** A key with the EKM version id of its current version, as the API shows it. */
  public record Detailed(Key key, String currentExternalVersionId) {}

  public Detailed detail(Key key) {
    String external =
        key.currentVersionId() == null
            ? null
            : mgmt.resources()
                .db
                .withConnection(c -> mgmt.resources().versions.find(c, key.currentVersionId()))
                .map(KeyVersion::externalKeyVersionId)
                .orElse(null);
    return new Detailed(key, external);
  }

  /** The EKM key id of a key, for showing its versions. */
  public String externalKeyId(String keyId) {
    return mgmt.resources()
        .db
        .withConnection(c -> mgmt.resources().keys.find(c, keyId))
        .map(Key::externalKeyId)
        .orElse(null);
  }

  public Key enable(Caller caller, String vaultId, String keyId, String ifMatch) {
    return change(
        caller,
        "EnableKey",
        vaultId,
        keyId,
        ifMatch,
        k -> transition(k, Lifecycle.DISABLED, Lifecycle.ENABLED));
  }

  public Key disable(Caller caller, String vaultId, String keyId, String ifMatch) {
    return change(
        caller,
        "DisableKey",
        vaultId,
        keyId,
        ifMatch,
        k -> transition(k, Lifecycle.ENABLED, Lifecycle.DISABLED));
  }

  public Key scheduleDeletion(
      Caller caller, String vaultId, String keyId, Instant when, String ifMatch) {
    Instant at = Deletions.time(when, mgmt.clock());
    return change(
        caller,
        "ScheduleKeyDeletion",
        vaultId,
        keyId,
        ifMatch,
        k -> {
          if (k.state() != Lifecycle.ENABLED && k.state() != Lifecycle.DISABLED) {
            throw KmsError.INCORRECT_STATE.error(
                "The key is "
                    + k.state()
                    + "; only an ENABLED or DISABLED key can be scheduled for deletion.");
          }
          return k.withState(Lifecycle.PENDING_DELETION, k.state(), at, mgmt.clock().instant());
        });
  }

  public Key cancelDeletion(Caller caller, String vaultId, String keyId, String ifMatch) {
    return change(
        caller,
        "CancelKeyDeletion",
        vaultId,
        keyId,
        ifMatch,
        k -> {
          if (k.state() != Lifecycle.PENDING_DELETION) {
            throw KmsError.INCORRECT_STATE.error("The key is not pending deletion.");
          }
          Lifecycle back =
              k.stateBeforeDeletion() == null ? Lifecycle.ENABLED : k.stateBeforeDeletion();
          return k.withState(back, null, null, mgmt.clock().instant());
        });
  }

  private Key transition(Key k, Lifecycle from, Lifecycle to) {
    if (k.state() == to) {
      return k;
    }
    if (k.state() != from) {
      throw KmsError.INCORRECT_STATE.error(
          "The key is " + k.state() + "; it cannot become " + to + ".");
    }
    return k.withState(to, null, null, mgmt.clock().instant());
  }

  private void lockActiveVault(java.sql.Connection c, String vaultId) throws java.sql.SQLException {
    Vault locked =
        mgmt.resources().vaults.findForUpdate(c, vaultId).orElseThrow(KmsError::notFound);
    if (locked.state() != Lifecycle.ACTIVE) {
      throw KmsError.INCORRECT_STATE.error("The vault is " + locked.state() + ".");
    }
  }
}
