package io.ekms.sdk.model;

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

  /** {@code KeyShape}: AES with a length of 16, 24 or 32 bytes. */
  public record Shape(String algorithm, Integer length) {}

  /** {@code ExternalKeyReferenceDetails}: the EKM key and version behind a KMS key or version. */
  public record ExternalReference(String externalKeyId, String externalKeyVersionId) {}

  /** {@code ExternalKeyReference} of a create request. */
  public record ExternalKeyId(String externalKeyId) {}

  /** {@code CreateKeyDetails}; see {@link #external}. */
  public record Create(
      String compartmentId,
      String displayName,
      Shape keyShape,
      String protectionMode,
      ExternalKeyId externalKeyReference) {

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
