package io.ekms.kms.service;

import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.KeyVersion;
import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.domain.Page;
import io.ekms.kms.domain.PrivateEndpoint;
import io.ekms.kms.domain.Vault;
import io.ekms.kms.external.EkmRefused;
import io.ekms.kms.external.ExternalVault;
import io.ekms.kms.service.KmsAudit.Target;
import java.time.Instant;
import java.util.List;

/**
 * Key versions. CreateKeyVersion records the EKM's version named in the request; without one it
 * records the EKM's current version if the KMS has not recorded it yet (the customer rotated in the
 * EKM), and otherwise asks the EKM to rotate through ekms's rotate extension (docs/operations.md,
 * Rotation). An EKM without the extension (404, 405) gets today's behaviour; a refusal by the EKM
 * is answered as such and never worked around.
 */
public final class KeyVersionService {
  private final KeyManagement mgmt;
  private final VersionRecorder recorder;

  public KeyVersionService(KeyManagement mgmt) {
    this.mgmt = mgmt;
    this.recorder = new VersionRecorder(mgmt);
  }

  /** How a version came about: which the {@code opc-ekms-rotation} header names. */
  public enum Rotation {
    /** The EKM rotated the key at the KMS's request; the new version is recorded. */
    EKM,
    /** An existing EKM version (named, or the EKM's current one) is recorded. */
    RECORDED,
    /** The EKM's admins must approve the rotation first; nothing is recorded yet. */
    PENDING;

    public String header() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * CreateKeyVersion's outcome: the new version (null while PENDING) and the EKM's pending request
   * id (PENDING only).
   */
  public record Created(KeyVersion version, Rotation rotation, String pendingRequestId) {}

  /** As {@link #createVersion}, for callers that need the version only (null while pending). */
  public KeyVersion create(Caller caller, String vaultId, String keyId, String externalVersionId) {
    return createVersion(caller, vaultId, keyId, externalVersionId).version();
  }

  public Created createVersion(
      Caller caller, String vaultId, String keyId, String externalVersionId) {
    return mgmt.audit()
        .run(
            caller,
            "CreateKeyVersion",
            new Target(vaultId, keyId, null),
            r -> new Target(vaultId, keyId, r.version() == null ? null : r.version().id()),
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
              String rid = caller.requestId();
              if (externalVersionId != null) {
                String named = Validate.externalId("externalKeyVersionId", externalVersionId);
                return recorded(recorder.record(ekm, rid, key, named));
              }
              ExternalVault.KeyInfo info = ekm.key(rid, key.externalKeyId());
              ExternalChecks.usableKey(info, key.lengthBytes());
              String current = info.currentVersionId();
              if (!recorder.known(key, current)) {
                return recorded(recorder.record(ekm, rid, key, current));
              }
              return rotateInEkm(ekm, rid, key, current);
            });
  }

  /**
   * Asks the EKM to rotate; an EKM without the extension gets today's answer for {@code current}.
   */
  private Created rotateInEkm(ExternalVault ekm, String rid, Key key, String current) {
    ExternalVault.Rotation rotation;
    try {
      rotation = ekm.rotate(rid, key.externalKeyId());
    } catch (EkmRefused.NotFound | EkmRefused.NotOffered notOffered) {
      return recorded(recorder.record(ekm, rid, key, current));
    } catch (EkmRefused.Conflict e) {
      throw KmsError.EXTERNAL_ROTATION_UNAVAILABLE.error(
          "The EKM would not rotate the key now"
              + e.remoteCode().map(code -> " (" + code + ")").orElse("")
              + "; rotate it in the EKM, then create the key version.");
    }
    return switch (rotation) {
      case ExternalVault.Rotation.Rotated r ->
          new Created(recorder.record(ekm, rid, key, r.keyVersionId()), Rotation.EKM, null);
      case ExternalVault.Rotation.Pending p ->
          new Created(null, Rotation.PENDING, p.pendingRequestId());
    };
  }

  private static Created recorded(KeyVersion version) {
    return new Created(version, Rotation.RECORDED, null);
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
