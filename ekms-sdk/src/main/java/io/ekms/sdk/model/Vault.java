package io.ekms.sdk.model;

import io.ekms.common.secret.Redacted;
import io.ekms.common.secret.WireSecret;

/**
 * A KMS vault ({@code Vault}); ekms vaults are {@code EXTERNAL}. Management calls go to {@link
 * #managementEndpoint()}, crypto calls to {@link #cryptoEndpoint()}.
 */
public record Vault(
    String id,
    String compartmentId,
    String displayName,
    String cryptoEndpoint,
    String managementEndpoint,
    String lifecycleState,
    String vaultType,
    String timeCreated,
    MetadataSummary externalKeyManagerMetadataSummary,
    String timeOfDeletion) {
  @Override
  public String toString() {
    return Redacted.toString(this);
  }

  /** What the vault says about its EKM; the OAuth client secret is never returned. */
  public record MetadataSummary(
      String vendor,
      String externalVaultEndpointUrl,
      String privateEndpointId,
      OauthSummary oauthMetadataSummary) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /** The OAuth issuer and client the KMS uses towards the EKM. */
  public record OauthSummary(String idcsAccountNameUrl, String clientAppId) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /** {@code CreateVaultDetails}; see {@link #external}. */
  public record Create(
      String compartmentId,
      String displayName,
      String vaultType,
      Metadata externalKeyManagerMetadata) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }

    /** An {@code EXTERNAL} vault bound to an EKM vault. */
    public static Create external(
        String compartmentId, String displayName, Metadata externalKeyManagerMetadata) {
      return new Create(compartmentId, displayName, "EXTERNAL", externalKeyManagerMetadata);
    }
  }

  /** {@code ExternalKeyManagerMetadata}: where the EKM vault is and how to get tokens for it. */
  public record Metadata(
      String externalVaultEndpointUrl, String privateEndpointId, Oauth oauthMetadata) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /** {@code OauthMetadata}; the secret never appears in {@link #toString()}. */
  public record Oauth(String idcsAccountNameUrl, String clientAppId, WireSecret clientAppSecret) {
    /** With the client secret as text, as it was shown when the client was registered. */
    public Oauth(String idcsAccountNameUrl, String clientAppId, String clientAppSecret) {
      this(
          idcsAccountNameUrl,
          clientAppId,
          clientAppSecret == null ? null : WireSecret.of(clientAppSecret));
    }

    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }
}
