package io.ekms.sdk.model;

import io.ekms.common.secret.Redacted;

/** A KMS key ({@code Key}): for ekms, a reference to a key in the EKM. */
public record Key(
    String id,
    String compartmentId,
    String vaultId,
    String displayName,
    String currentKeyVersion,
    Shape keyShape,
    String protectionMode,
    String lifecycleState,
    String timeCreated,
    ExternalReference externalKeyReferenceDetails,
    String timeOfDeletion) {
  @Override
  public String toString() {
    return Redacted.toString(this);
  }

  /** {@code KeyShape}: AES with a length of 16, 24 or 32 bytes. */
  public record Shape(String algorithm, Integer length) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /** {@code ExternalKeyReferenceDetails}: the EKM key and version behind a KMS key or version. */
  public record ExternalReference(String externalKeyId, String externalKeyVersionId) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /** {@code ExternalKeyReference} of a create request. */
  public record ExternalKeyId(String externalKeyId) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /** {@code CreateKeyDetails}; see {@link #external}. */
  public record Create(
      String compartmentId,
      String displayName,
      Shape keyShape,
      String protectionMode,
      ExternalKeyId externalKeyReference) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }

    /** An AES-256 {@code EXTERNAL} key referring to EKM key {@code externalKeyId}. */
    public static Create external(String compartmentId, String displayName, String externalKeyId) {
      return new Create(
          compartmentId,
          displayName,
          new Shape("AES", 32),
          "EXTERNAL",
          new ExternalKeyId(externalKeyId));
    }
  }
}
