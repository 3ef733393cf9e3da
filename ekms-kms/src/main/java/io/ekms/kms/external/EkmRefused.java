package io.ekms.kms.external;

/**
 * The EKM answered and refused the operation. Retrying the same call will fail the same way until
 * something changes in the EKM (or in the request). The KMS maps {@link Unusable} to 409
 * IncorrectState, {@link DecryptionFailed} to 400 InvalidParameter, and the others to 409
 * ExternalServerIncorrectState with its {@link #publicMessage()}.
 */
public abstract sealed class EkmRefused extends EkmException {
  EkmRefused(String message, String publicMessage, String remoteCode) {
    super(message, publicMessage, remoteCode, null);
  }

  /**
   * The vault is blocked, or the key or key version is disabled, or the key does not permit the
   * operation, in the EKM (403 VaultBlocked, KeyDisabled, KeyVersionDisabled,
   * OperationNotPermitted).
   */
  public static final class Unusable extends EkmRefused {
    public Unusable(String message, String publicMessage, String remoteCode) {
      super(message, publicMessage, remoteCode);
    }
  }

  /** The EKM knows no such vault, key or key version, or the key is deleted (404). */
  public static final class NotFound extends EkmRefused {
    public NotFound(String message, String publicMessage, String remoteCode) {
      super(message, publicMessage, remoteCode);
    }
  }

  /**
   * The EKM refused the access token even after a fresh one was fetched (401), or does not
   * authorize the token's client for this vault (403 ClientNotAuthorized).
   */
  public static final class NotAuthorized extends EkmRefused {
    public NotAuthorized(String message, String publicMessage, String remoteCode) {
      super(message, publicMessage, remoteCode);
    }
  }

  /** The ciphertext, IV, tag or AAD do not authenticate under the key version (400). */
  public static final class DecryptionFailed extends EkmRefused {
    public DecryptionFailed(String message, String publicMessage, String remoteCode) {
      super(message, publicMessage, remoteCode);
    }
  }

  /** The EKM found the request invalid (any other 400). */
  public static final class InvalidRequest extends EkmRefused {
    public InvalidRequest(String message, String publicMessage, String remoteCode) {
      super(message, publicMessage, remoteCode);
    }
  }

  /**
   * The EKM's policy for the key refuses rotations asked for by the KMS (403 RotationDenied). Never
   * retried elsewhere, nor replaced by another way of rotating.
   */
  public static final class RotationDenied extends EkmRefused {
    public RotationDenied(String message, String publicMessage, String remoteCode) {
      super(message, publicMessage, remoteCode);
    }
  }

  /** The EKM does not offer the operation (405): an EKM without ekms's rotate extension. */
  public static final class NotOffered extends EkmRefused {
    public NotOffered(String message, String publicMessage, String remoteCode) {
      super(message, publicMessage, remoteCode);
    }
  }

  /** The EKM cannot do it in the key's present state (409, e.g. QuorumUnavailable). */
  public static final class Conflict extends EkmRefused {
    public Conflict(String message, String publicMessage, String remoteCode) {
      super(message, publicMessage, remoteCode);
    }
  }
}
