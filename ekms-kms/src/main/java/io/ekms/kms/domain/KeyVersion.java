package io.ekms.kms.domain;

import java.time.Instant;
import java.util.Objects;

/** A key version reference: one version of the external key, {@code externalKeyVersionId}. */
public record KeyVersion(
    String id,
    String keyId,
    String vaultId,
    String compartmentId,
    String externalKeyVersionId,
    Lifecycle state,
    Instant timeCreated,
    Instant timeUpdated,
    Instant timeOfDeletion) {
  public KeyVersion {
    Objects.requireNonNull(id);
    Objects.requireNonNull(keyId);
    Objects.requireNonNull(vaultId);
    Objects.requireNonNull(compartmentId);
    Objects.requireNonNull(externalKeyVersionId);
    Objects.requireNonNull(state);
  }

  public KeyVersion withState(Lifecycle next, Instant deletion, Instant now) {
    return new KeyVersion(
        id, keyId, vaultId, compartmentId, externalKeyVersionId, next, timeCreated, now, deletion);
  }
}
