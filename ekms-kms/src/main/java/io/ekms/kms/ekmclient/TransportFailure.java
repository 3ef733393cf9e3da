package io.ekms.kms.ekmclient;

/**
 * A failure below HTTP: no complete answer came back. Whoever called (the EKM client or the token
 * fetcher) turns it into a sentence about its peer. {@code detail} is the low-level reason for
 * diagnosis (an exception class and message from the JDK), never anything from the request.
 */
final class TransportFailure extends Exception {
  /** What went wrong, in the order a call meets them. */
  enum Kind {
    /** The egress policy refuses the destination now; nothing was sent. */
    NOT_ALLOWED,
    /** No connection: refused, no route, unknown host. */
    CONNECT_FAILED,
    /** No connection within the connect timeout; the request was not sent. */
    CONNECT_TIMEOUT,
    /** The peer's certificate does not chain to the trusted CA bundle (or is invalid). */
    TLS_UNTRUSTED,
    /** The certificate is trusted but does not name the host of the URL. */
    TLS_NAME_MISMATCH,
    /** The peer refused the client certificate the KMS presented, or asked for one it lacks. */
    TLS_CLIENT_REFUSED,
    /** Any other TLS handshake failure (protocol versions, cipher suites). */
    TLS_FAILED,
    /** No complete answer within the read timeout; the request may have been processed. */
    TIMED_OUT,
    /** The connection broke after the request may have been sent. */
    CONNECTION_LOST,
    /** The answer was larger than allowed. */
    ANSWER_TOO_LARGE,
    /** The calling thread was interrupted while waiting. */
    INTERRUPTED;

    /** Whether no usable connection was made, so the transport holds nothing worth keeping. */
    boolean noConnection() {
      return switch (this) {
        case NOT_ALLOWED,
            CONNECT_FAILED,
            CONNECT_TIMEOUT,
            TLS_UNTRUSTED,
            TLS_NAME_MISMATCH,
            TLS_CLIENT_REFUSED,
            TLS_FAILED ->
            true;
        default -> false;
      };
    }

    /**
     * Whether another node of the same EKM should be asked instead: the node could not be reached
     * (no connection, a failed handshake, not allowed now), did not answer in time, or lost the
     * connection before answering. Never for an answer that came (however bad), nor an interrupt.
     */
    boolean failsOver() {
      return noConnection() || this == TIMED_OUT || this == CONNECTION_LOST;
    }
  }

  private final Kind kind;
  private final String detail;

  TransportFailure(Kind kind, String detail, Throwable cause) {
    super(kind + ": " + detail, cause);
    this.kind = kind;
    this.detail = detail;
  }

  Kind kind() {
    return kind;
  }

  String detail() {
    return detail;
  }
}
