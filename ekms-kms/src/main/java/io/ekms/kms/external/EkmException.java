package io.ekms.kms.external;

import java.util.Optional;

/**
 * Why a call to an external key manager failed: the one error of the {@link ExternalVault} port.
 * The hierarchy is sealed so the KMS maps every case to its API in one exhaustive {@code switch}
 * ({@code KmsError.forExternal}):
 *
 * <ul>
 *   <li>{@link EkmRefused}: the EKM answered and said no (a disabled key, an unknown key, a refused
 *       token, a ciphertext that does not authenticate, an invalid request);
 *   <li>{@link EkmUnavailable}: no usable answer (unreachable, timed out, untrusted TLS, a server
 *       error, a malformed answer);
 *   <li>{@link IdentityFailure}: no access token, because the identity server refused the client or
 *       could not be used.
 * </ul>
 *
 * <p>{@link #getMessage()} is the full sentence for the KMS's log and its operators: what is wrong,
 * identifiers (URLs, vault, key and version ids, the client id), the remote error code and message
 * (shortened, stripped of control characters) and the low-level cause (JDK exception text). {@link
 * #publicMessage()} is what the KMS may tell its caller: the same sentence with only the category
 * (unreachable, TLS failure, timeout, refused with the remote code), no remote message and no JDK
 * text. Neither ever holds secrets, plaintext, tokens or key material.
 */
public abstract sealed class EkmException extends RuntimeException
    permits EkmRefused, EkmUnavailable, IdentityFailure {
  private final String publicMessage;
  private final String remoteCode;

  EkmException(String message, String publicMessage, String remoteCode, Throwable cause) {
    super(message, cause);
    this.publicMessage = publicMessage;
    this.remoteCode = remoteCode;
  }

  /** The sentence for the KMS's caller: the category only, no remote message, no JDK text. */
  public String publicMessage() {
    return publicMessage;
  }

  /** The error code the EKM or the identity server answered, when it answered one. */
  public Optional<String> remoteCode() {
    return Optional.ofNullable(remoteCode);
  }
}
