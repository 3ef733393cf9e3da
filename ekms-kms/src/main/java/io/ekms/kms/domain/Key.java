package io.ekms.kms.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A key reference: an AES key that lives in the EKM under {@code externalKeyId}. {@code
 * lengthBytes} is 16, 24 or 32 (the KMS API speaks bytes, the EKM API bits). {@code
 * stateBeforeDeletion} remembers what cancelDeletion restores.
 */
public record Key(
    String id,
    String vaultId,
    String compartmentId,
    String displayName,
    int lengthBytes,
    Lifecycle state,
    Lifecycle stateBeforeDeletion,
    String currentVersionId,
    String externalKeyId,
    Instant timeCreated,
    Instant timeUpdated,
    Instant timeOfDeletion) {
  public Key {
    Objects.requireNonNull(id);
    Objects.requireNonNull(vaultId);
    Objects.requireNonNull(compartmentId);
    if (lengthBytes != 16 && lengthBytes != 24 && lengthBytes != 32) {
      throw new IllegalArgumentException("AES key length must be 16, 24 or 32 bytes");
    }
    Objects.requireNonNull(state);
    Objects.requireNonNull(externalKeyId);
  }

  public Key withState(Lifecycle next, Lifecycle before, Instant deletion, Instant now) {
    return new Key(
        id,
        vaultId,
        compartmentId,
        displayName,
        lengthBytes,
        next,
        before,
        currentVersionId,
        externalKeyId,
        timeCreated,
        now,
        deletion);
  }

  public Key withCurrentVersion(String versionId, Instant now) {
    return new Key(
        id,
        vaultId,
        compartmentId,
        displayName,
        lengthBytes,
        state,
        stateBeforeDeletion,
        versionId,
        externalKeyId,
        timeCreated,
        now,
        timeOfDeletion);
  }

  public Key withDisplayName(String name, Instant now) {
    return new Key(
        id,
        vaultId,
        compartmentId,
        name,
        lengthBytes,
        state,
        stateBeforeDeletion,
        currentVersionId,
        externalKeyId,
        timeCreated,
        now,
        timeOfDeletion);
  }
}
