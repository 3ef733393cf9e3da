package io.ekms.kms.ekmclient;

import java.time.Duration;

/**
 * Timeouts and token reuse of the KMS's EKM client. The defaults are what OCI applies to external
 * key managers.
 *
 * <ul>
 *   <li>{@code connectTimeout} (500 ms): establishing a new connection, TCP and TLS handshake. A
 *       connection that cannot be established is retried once; nothing else is retried, except that
 *       a private endpoint with several EKM nodes sends a call that failed on one node
 *       (unreachable, timed out, 5xx) once more, to another node, instead.
 *   <li>{@code readTimeout} (1 s): one attempt as a whole, from sending the request to the last
 *       byte of the answer (including any connection set-up; an answer whose body is still arriving
 *       gets 100 ms more). A call therefore ends within about {@code connectTimeout + readTimeout},
 *       its retry included.
 *   <li>{@code tokenRefreshMargin} (60 s): an access token is reused until this long before it
 *       expires (or half its lifetime, for tokens that live less than twice the margin).
 * </ul>
 *
 * The identity server's token endpoint is held to the same two timeouts.
 */
public record EkmClientConfig(
    Duration connectTimeout, Duration readTimeout, Duration tokenRefreshMargin) {
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofMillis(500);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(1);
  public static final Duration DEFAULT_TOKEN_REFRESH_MARGIN = Duration.ofSeconds(60);
  private static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);

  /**
   * Fills {@code null} fields with the defaults and checks the rest.
   *
   * @throws IllegalArgumentException when a timeout is not positive, longer than two minutes, or
   *     the connect timeout exceeds the read timeout (it would never fire)
   */
  public EkmClientConfig {
    connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
    readTimeout = readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout;
    tokenRefreshMargin =
        tokenRefreshMargin == null ? DEFAULT_TOKEN_REFRESH_MARGIN : tokenRefreshMargin;
    positive("connectTimeout", connectTimeout);
    positive("readTimeout", readTimeout);
    if (connectTimeout.compareTo(readTimeout) > 0) {
      throw new IllegalArgumentException("connectTimeout must not exceed readTimeout");
    }
    if (tokenRefreshMargin.isNegative()) {
      throw new IllegalArgumentException("tokenRefreshMargin must not be negative");
    }
  }

  /** 500 ms connect, 1 s read, tokens reused until 60 s before they expire. */
  public static EkmClientConfig defaults() {
    return new EkmClientConfig(null, null, null);
  }

  private static void positive(String name, Duration value) {
    if (value.isNegative() || value.isZero() || value.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException(name + " must be more than 0 and at most 2 minutes");
    }
  }
}
