package io.ekms.kms.ekmclient;

import java.util.Optional;

/**
 * Why a call to an external key manager failed. The hierarchy is sealed so the KMS maps every case
 * in one exhaustive {@code switch}:
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
 * <p>Messages are sentences for the KMS's callers: they name what is wrong, the remote error code
 * when there is one, and identifiers (URLs, vault, key and version ids, the client id), never
 * secrets, plaintext, tokens or key material. Remote messages are quoted shortened and stripped of
 * control characters.
 */
public abstract sealed class EkmException extends RuntimeException
    permits EkmRefused, EkmUnavailable, IdentityFailure {
  private final String remoteCode;

  EkmException(String message, String remoteCode, Throwable cause) {
    super(message, cause);
    this.remoteCode = remoteCode;
  }

  /** The error code the EKM or the identity server answered, when it answered one. */
  public Optional<String> remoteCode() {
    return Optional.ofNullable(remoteCode);
  }
}
