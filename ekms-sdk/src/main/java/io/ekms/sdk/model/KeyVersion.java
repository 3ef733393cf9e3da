package io.ekms.sdk.model;

import io.ekms.common.secret.Redacted;

/** A KMS key version ({@code KeyVersion}), bound to one EKM key version. */
public record KeyVersion(
    String id,
    String keyId,
    String vaultId,
    String compartmentId,
    String lifecycleState,
    String timeCreated,
    Key.ExternalReference externalKeyReferenceDetails,
    String timeOfDeletion) {
  @Override
  public String toString() {
    return Redacted.toString(this);
  }
}
