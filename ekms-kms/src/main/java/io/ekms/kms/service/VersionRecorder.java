package io.ekms.kms.service;

import io.ekms.core.db.StoreException;
import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.KeyVersion;
import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.domain.Ocids;
import io.ekms.kms.external.ExternalVault;
import java.time.Instant;

/**
 * Records an external key version as a new version of a KMS key and makes it the key's current one,
 * once the EKM confirms the version is ACTIVE. The EKM is asked outside the key's lock, so the
 * key's state is checked again under it. 409 IncorrectState when the key is no longer ENABLED or
 * the external version is a version of the key already.
 */
final class VersionRecorder {
  private final KeyManagement mgmt;

  VersionRecorder(KeyManagement mgmt) {
    this.mgmt = mgmt;
  }

  KeyVersion record(ExternalVault ekm, String requestId, Key key, String external) {
    Validate.check(external.length() <= 255, "'externalKeyVersionId' is too long.");
    ExternalChecks.activeVersion(ekm.keyVersion(requestId, key.externalKeyId(), external));
    Instant now = mgmt.clock().instant();
    KeyVersion version =
        new KeyVersion(
            Ocids.newId("keyversion"),
            key.id(),
            key.vaultId(),
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
                Key locked =
                    mgmt.resources()
                        .keys
                        .findForUpdate(c, key.id())
                        .orElseThrow(KmsError::notFound);
                if (locked.state() != Lifecycle.ENABLED) {
                  throw KmsError.INCORRECT_STATE.error("The key is " + locked.state() + ".");
                }
                mgmt.resources().versions.insert(c, version);
                mgmt.resources().keys.update(c, locked.withCurrentVersion(version.id(), now));
                return null;
              });
    } catch (StoreException e) {
      if (e.isDuplicateKey()) {
        throw KmsError.INCORRECT_STATE.error(
            "This external key version is already a version of the key.");
      }
      throw e;
    }
    return version;
  }

  /** Whether {@code external} is a version of the key already (in any state). */
  boolean known(Key key, String external) {
    return mgmt
        .resources()
        .db
        .withConnection(c -> mgmt.resources().versions.listAll(c, key.id()))
        .stream()
        .anyMatch(v -> v.externalKeyVersionId().equals(external));
  }
}
