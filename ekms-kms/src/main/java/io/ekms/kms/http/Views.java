package io.ekms.kms.http;

import io.ekms.common.secret.Redacted;
import io.ekms.kms.domain.ClientCertificate;
import io.ekms.kms.domain.EkmAddress;
import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.KeyVersion;
import io.ekms.kms.domain.PrivateEndpoint;
import io.ekms.kms.domain.Vault;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The KMS's resources as the OCI SDK's model classes read them ({@code
 * com.oracle.bmc.keymanagement.model}): same field names, enum values and RFC 3339 times with
 * milliseconds. The vault's OAuth client secret is never part of any view.
 */
final class Views {
  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Views() {}

  static String time(Instant t) {
    return t == null ? null : RFC3339.format(t);
  }

  record KeyShape(String algorithm, Integer length) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record ExternalKeyReferenceDetails(String externalKeyId, String externalKeyVersionId) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record OauthMetadataSummary(String idcsAccountNameUrl, String clientAppId) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record ExternalKeyManagerMetadataSummary(
      String vendor,
      String externalVaultEndpointUrl,
      String privateEndpointId,
      OauthMetadataSummary oauthMetadataSummary) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record EkmsPrivateEndpointView(
      String id,
      String compartmentId,
      String subnetId,
      String displayName,
      String timeCreated,
      String timeUpdated,
      Map<String, String> freeformTags,
      String lifecycleState,
      String externalKeyManagerIp,
      Integer port,
      String caBundle,
      String privateEndpointIp,
      List<String> externalKeyManagerAddresses,
      ClientCertificateSummary clientCertificateSummary) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }

    static EkmsPrivateEndpointView of(PrivateEndpoint p) {
      return new EkmsPrivateEndpointView(
          p.id(),
          p.compartmentId(),
          p.subnetId(),
          p.displayName(),
          time(p.timeCreated()),
          time(p.timeUpdated()),
          Map.of(),
          p.state().name(),
          p.host(),
          p.port(),
          p.caBundle(),
          p.host(),
          p.addresses().stream().map(EkmAddress::toString).toList(),
          ClientCertificateSummary.of(p.clientCertificate()));
    }
  }

  /**
   * The ekms extension's view of a private endpoint's client certificate: never its key, only what
   * identifies the certificate (null when the endpoint has none).
   */
  record ClientCertificateSummary(String subject, String sha256Fingerprint, String timeExpires) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }

    static ClientCertificateSummary of(ClientCertificate c) {
      return c == null
          ? null
          : new ClientCertificateSummary(c.subject(), c.fingerprint(), time(c.notAfter()));
    }
  }

  record VaultView(
      String id,
      String compartmentId,
      String displayName,
      String cryptoEndpoint,
      String managementEndpoint,
      String lifecycleState,
      String timeCreated,
      String timeOfDeletion,
      String vaultType,
      Map<String, String> freeformTags,
      Boolean isPrimary,
      Boolean isVaultReplicable,
      ExternalKeyManagerMetadataSummary externalKeyManagerMetadataSummary) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }

    static VaultView of(Vault v, String baseUrl) {
      return new VaultView(
          v.id(),
          v.compartmentId(),
          v.displayName(),
          baseUrl + "/kms/" + v.id() + "/crypto",
          baseUrl + "/kms/" + v.id() + "/management",
          v.state().name(),
          time(v.timeCreated()),
          time(v.timeOfDeletion()),
          "EXTERNAL",
          Map.of(),
          true,
          false,
          new ExternalKeyManagerMetadataSummary(
              v.vendor(),
              v.externalVaultEndpointUrl(),
              v.privateEndpointId(),
              new OauthMetadataSummary(v.idcsAccountNameUrl(), v.clientAppId())));
    }
  }

  record KeyView(
      String id,
      String compartmentId,
      String vaultId,
      String displayName,
      String currentKeyVersion,
      KeyShape keyShape,
      String protectionMode,
      String lifecycleState,
      String timeCreated,
      String timeOfDeletion,
      Map<String, String> freeformTags,
      Boolean isPrimary,
      Boolean isAutoRotationEnabled,
      String algorithm,
      ExternalKeyReferenceDetails externalKeyReferenceDetails) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }

    static KeyView of(Key k, String currentExternalVersionId) {
      return new KeyView(
          k.id(),
          k.compartmentId(),
          k.vaultId(),
          k.displayName(),
          k.currentVersionId(),
          new KeyShape("AES", k.lengthBytes()),
          "EXTERNAL",
          k.state().name(),
          time(k.timeCreated()),
          time(k.timeOfDeletion()),
          Map.of(),
          true,
          false,
          "AES",
          new ExternalKeyReferenceDetails(k.externalKeyId(), currentExternalVersionId));
    }
  }

  record KeyVersionView(
      String id,
      String keyId,
      String vaultId,
      String compartmentId,
      String lifecycleState,
      String origin,
      String timeCreated,
      String timeOfDeletion,
      Boolean isPrimary,
      Boolean isAutoRotated,
      ExternalKeyReferenceDetails externalKeyReferenceDetails) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }

    static KeyVersionView of(KeyVersion v, String externalKeyId) {
      return new KeyVersionView(
          v.id(),
          v.keyId(),
          v.vaultId(),
          v.compartmentId(),
          v.state().name(),
          "EXTERNAL",
          time(v.timeCreated()),
          time(v.timeOfDeletion()),
          true,
          false,
          new ExternalKeyReferenceDetails(externalKeyId, v.externalKeyVersionId()));
    }
  }

  record VaultUsage(
      int keyCount, int keyVersionCount, int softwareKeyCount, int softwareKeyVersionCount) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record EncryptedData(
      String ciphertext, String keyId, String keyVersionId, String encryptionAlgorithm) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record DecryptedData(
      String plaintext,
      String plaintextChecksum,
      String keyId,
      String keyVersionId,
      String encryptionAlgorithm) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  record GeneratedKey(String ciphertext, String plaintext, String plaintextChecksum) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /**
   * CreateKeyVersion's 202: the EKM's admins must approve the rotation ({@code lifecycleState}
   * PENDING_APPROVAL, the EKM's {@code pendingRequestId}); the new version appears once approved.
   */
  record RotationPending(String keyId, String lifecycleState, String pendingRequestId) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }
}
