package io.ekms.kms.external;

import io.ekms.core.secret.SecretBytes;
import java.util.Set;

/**
 * One vault in the customer's EKM, as the KMS sees it: every method is a live call (nothing is
 * cached but the connection and the access token). {@code requestId} is forwarded as {@code
 * opc-request-id}. Failures are {@link ExternalKeyManagerException}s saying what went wrong.
 */
public interface ExternalVault {
  /** The EKM vault's state and vendor. */
  VaultInfo vault(String requestId);

  KeyInfo key(String requestId, String externalKeyId);

  VersionInfo keyVersion(String requestId, String externalKeyId, String externalVersionId);

  /** Encrypts with the given version ({@code null}: the EKM's current version). */
  Sealed encrypt(
      String requestId,
      String externalKeyId,
      String externalVersionId,
      byte[] plaintext,
      byte[] aad);

  /** Decrypts; the plaintext is the caller's to wipe. */
  SecretBytes decrypt(
      String requestId, String externalKeyId, String externalVersionId, Sealed sealed, byte[] aad);

  /** GetVaultMetadata's answer. */
  record VaultInfo(String state, String vendor) {}

  /** GetKeyMetadata's answer; {@code lengthBits} as the EKM API speaks. */
  record KeyInfo(
      String keyId,
      String currentVersionId,
      String algorithm,
      int lengthBits,
      String state,
      Set<String> ops) {}

  /** GetKeyVersionMetadata's answer. */
  record VersionInfo(String keyId, String versionId, String state) {}

  /** AES-GCM output of the EKM. */
  record Sealed(byte[] ciphertext, byte[] iv, byte[] tag, String externalVersionId) {}
}
