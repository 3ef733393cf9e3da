package io.ekms.kms.external;

/**
 * No access token could be obtained from the vault's identity server, so the EKM was not called.
 * The KMS maps both variants to 409 ExternalServerIncorrectState with its {@link #publicMessage()}.
 */
public abstract sealed class IdentityFailure extends EkmException {
  IdentityFailure(String message, String publicMessage, String remoteCode, Throwable cause) {
    super(message, publicMessage, remoteCode, cause);
  }

  /**
   * The identity server refused the client-credentials request: {@code invalid_client} (wrong
   * client id or secret), {@code invalid_scope}, {@code unauthorized_client} and the like.
   */
  public static final class Rejected extends IdentityFailure {
    public Rejected(String message, String publicMessage, String remoteCode) {
      super(message, publicMessage, remoteCode, null);
    }
  }

  /**
   * The identity server could not be used: unreachable, timed out, not trusted by its CA bundle,
   * refused by the KMS's egress policy, a server error, or a token answer that is malformed.
   */
  public static final class Unavailable extends IdentityFailure {
    public Unavailable(String message, String publicMessage, String remoteCode, Throwable cause) {
      super(message, publicMessage, remoteCode, cause);
    }
  }
}
