package io.ekms.kms.external;

/**
 * The EKM refused or could not be reached. {@link Kind} decides the KMS's answer
 * (docs/protocols/kms-api.md); the message says what is wrong in words an operator can act on,
 * never with secrets.
 */
public final class ExternalKeyManagerException extends RuntimeException {
  /** What went wrong, as the KMS maps it. */
  public enum Kind {
    /** Key or version disabled, vault blocked in the EKM: 409 IncorrectState. */
    INCORRECT_STATE,
    /** The EKM does not know the vault, key or version. */
    NOT_FOUND,
    /** The ciphertext does not authenticate: 400 InvalidParameter. */
    DECRYPTION_FAILED,
    /** Unreachable, timed out, TLS untrusted, token refused, 5xx, bad answer: 409. */
    UNAVAILABLE
  }

  private final Kind kind;

  public ExternalKeyManagerException(Kind kind, String message, Throwable cause) {
    super(message, cause, false, cause != null);
    this.kind = kind;
  }

  public ExternalKeyManagerException(Kind kind, String message) {
    this(kind, message, null);
  }

  public Kind kind() {
    return kind;
  }
}
