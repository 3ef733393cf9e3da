package io.ekms.kms.external;

import io.ekms.common.secret.SecretBytes;
import java.util.Set;

/**
 * One vault in the customer's EKM, as the KMS sees it (docs/protocols/ekm-api.md): every method is
 * a live call (nothing is cached but the connection and the access token). {@code requestId} is
 * forwarded as {@code opc-request-id}. Failures are {@link EkmException}s saying what went wrong;
 * arguments outside the EKM API's bounds are {@link IllegalArgumentException}s, thrown before
 * anything is sent.
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

  /**
   * ekms's RotateKey extension of the EKM API ({@code POST keys/{keyId}/actions/rotate},
   * docs/protocols/ekm-api.md): asks the EKM to rotate the key, which its own policy for the key
   * allows, denies ({@link EkmRefused.RotationDenied}) or sends to a quorum of its admins. An EKM
   * without the extension answers 404 or 405 ({@link EkmRefused.NotFound}, {@link
   * EkmRefused.NotOffered}); so does this default, for connections that do not speak it. Never
   * resent to another EKM node once it may have reached one (a rotation is not idempotent).
   */
  default Rotation rotate(String requestId, String externalKeyId) {
    throw new EkmRefused.NotOffered(
        "RotateKey: this connection does not offer the EKM's rotate extension",
        "RotateKey: the EKM does not offer rotation",
        null);
  }

  /** What came of a rotation asked of the EKM. */
  sealed interface Rotation {
    /** The EKM rotated the key: {@code keyVersionId} is its new current version. */
    record Rotated(String keyVersionId) implements Rotation {}

    /** The rotation waits for the approval of the EKM's admins, as request {@code id}. */
    record Pending(String pendingRequestId) implements Rotation {}
  }

  /**
   * GetVaultMetadata's answer.
   *
   * @param state {@code ACTIVE}, or {@code BLOCKED} when the customer has cut the cloud off
   * @param vendor the EKM's vendor name, as it reports it
   */
  record VaultInfo(String state, String vendor) {}

  /**
   * GetKeyMetadata's answer.
   *
   * @param lengthBits the key length in bits, as the EKM API gives it (the KMS API speaks bytes)
   * @param state {@code ACTIVE}, {@code DISABLED} or {@code DELETED}
   * @param ops what the key may be used for: {@code ENCRYPT}, {@code DECRYPT}
   */
  record KeyInfo(
      String keyId,
      String currentVersionId,
      String algorithm,
      int lengthBits,
      String state,
      Set<String> ops) {}

  /**
   * GetKeyVersionMetadata's answer.
   *
   * @param state {@code ACTIVE}, {@code DISABLED}, or {@code DESTROYED} (its ciphertexts are lost)
   * @param ops what the version may be used for: {@code ENCRYPT}, {@code DECRYPT}
   */
  record VersionInfo(String keyId, String versionId, String state, Set<String> ops) {}

  /**
   * AES-GCM output of the EKM: ciphertext, 12-byte IV, 16-byte tag, and the version that made it.
   * The arrays hold no secret; like any record with array components, equality is by array
   * identity. {@link #toString()} gives lengths only.
   */
  record Sealed(byte[] ciphertext, byte[] iv, byte[] tag, String externalVersionId) {
    @Override
    public String toString() {
      return "Sealed[externalVersionId="
          + externalVersionId
          + ", ciphertext="
          + ciphertext.length
          + " bytes]";
    }
  }
}
