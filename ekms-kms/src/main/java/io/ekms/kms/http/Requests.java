package io.ekms.kms.http;

import io.ekms.common.secret.Redacted;
import io.ekms.common.secret.WireSecret;
import java.util.List;
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
      String caBundle,
      List<String> externalKeyManagerAddresses,
      String clientCertificate,
      WireSecret clientPrivateKey) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /**
   * OCI's displayName, plus the ekms extension: the client certificate and its key, both or none.
   */
  record UpdateEkmsPrivateEndpointDetails(
      String displayName, String clientCertificate, WireSecret clientPrivateKey) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record UpdateDisplayName(String displayName) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record OauthMetadata(String idcsAccountNameUrl, String clientAppId, WireSecret clientAppSecret) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record ExternalKeyManagerMetadata(
      String externalVaultEndpointUrl, String privateEndpointId, OauthMetadata oauthMetadata) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record CreateVaultDetails(
      String compartmentId,
      String displayName,
      String vaultType,
      ExternalKeyManagerMetadata externalKeyManagerMetadata) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record KeyShape(String algorithm, Integer length) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record ExternalKeyReference(String externalKeyId) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record CreateKeyDetails(
      String compartmentId,
      String displayName,
      KeyShape keyShape,
      String protectionMode,
      ExternalKeyReference externalKeyReference) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record ExternalKeyVersionReference(String externalKeyVersionId) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record ScheduleDeletion(String timeOfDeletion) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record EncryptDataDetails(
      String keyId,
      String plaintext,
      Map<String, String> associatedData,
      Map<String, String> loggingContext,
      String keyVersionId,
      String encryptionAlgorithm) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record DecryptDataDetails(
      String keyId,
      String ciphertext,
      Map<String, String> associatedData,
      Map<String, String> loggingContext,
      String keyVersionId,
      String encryptionAlgorithm) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record GenerateKeyDetails(
      String keyId,
      KeyShape keyShape,
      Boolean includePlaintextKey,
      Map<String, String> associatedData,
      Map<String, String> loggingContext) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }
}
