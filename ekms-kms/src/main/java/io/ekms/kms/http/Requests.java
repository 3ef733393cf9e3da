package io.ekms.kms.http;

import java.util.Map;

/** Request bodies of the KMS API, field for field as the OCI SDK's model classes send them. */
final class Requests {
  private Requests() {}

  record CreateEkmsPrivateEndpointDetails(
      String compartmentId,
      String displayName,
      String subnetId,
      String externalKeyManagerIp,
      Integer port,
      String caBundle) {}

  record UpdateDisplayName(String displayName) {}

  record OauthMetadata(String idcsAccountNameUrl, String clientAppId, String clientAppSecret) {
    @Override
    public String toString() {
      return "OauthMetadata[" + idcsAccountNameUrl + ", " + clientAppId + "]";
    }
  }

  record ExternalKeyManagerMetadata(
      String externalVaultEndpointUrl, String privateEndpointId, OauthMetadata oauthMetadata) {}

  record CreateVaultDetails(
      String compartmentId,
      String displayName,
      String vaultType,
      ExternalKeyManagerMetadata externalKeyManagerMetadata) {}

  record KeyShape(String algorithm, Integer length) {}

  record ExternalKeyReference(String externalKeyId) {}

  record CreateKeyDetails(
      String compartmentId,
      String displayName,
      KeyShape keyShape,
      String protectionMode,
      ExternalKeyReference externalKeyReference) {}

  record ExternalKeyVersionReference(String externalKeyVersionId) {}

  record ScheduleDeletion(String timeOfDeletion) {}

  record EncryptDataDetails(
      String keyId,
      String plaintext,
      Map<String, String> associatedData,
      Map<String, String> loggingContext,
      String keyVersionId,
      String encryptionAlgorithm) {
    @Override
    public String toString() {
      return "EncryptDataDetails[" + keyId + "]";
    }
  }

  record DecryptDataDetails(
      String keyId,
      String ciphertext,
      Map<String, String> associatedData,
      Map<String, String> loggingContext,
      String keyVersionId,
      String encryptionAlgorithm) {}

  record GenerateKeyDetails(
      String keyId,
      KeyShape keyShape,
      Boolean includePlaintextKey,
      Map<String, String> associatedData,
      Map<String, String> loggingContext) {}
}
