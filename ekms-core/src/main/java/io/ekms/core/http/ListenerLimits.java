package io.ekms.core.http;

import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.http1.Http1Config;
import java.time.Duration;

/**
 * The {@code limits:} section of every server's configuration: what one listener (public, admin,
 * XKS) allows each of its clients, applied to each listener separately. Every value is optional;
 * the defaults suit a server behind no proxy:
 *
 * <ul>
 *   <li>{@code maxConnections} (1000): open TCP connections; further ones wait in the accept queue
 *       until one closes.
 *   <li>{@code maxConcurrentRequests} (256): requests in progress; the next is answered 503.
 *   <li>{@code maxRequestLineBytes} (4096): the request line; longer is 414.
 *   <li>{@code maxHeaderBytes} (16384): all header fields together; more is 400.
 *   <li>{@code readTimeoutSeconds} (10): how long a client may take to deliver the TLS handshake
 *       and a request's line and headers (from the connection's start, or the request line), and
 *       then its body; late, the connection is closed ({@link ReadDeadline}).
 *   <li>{@code idleTimeoutSeconds} (60): a connection without a request for this long is closed.
 * </ul>
 */
public record ListenerLimits(
    Integer maxConnections,
    Integer maxConcurrentRequests,
    Integer maxRequestLineBytes,
    Integer maxHeaderBytes,
    Integer readTimeoutSeconds,
    Integer idleTimeoutSeconds) {
  public ListenerLimits {
    maxConnections = within("maxConnections", maxConnections, 1000, 1, 1_000_000);
    maxConcurrentRequests =
        within("maxConcurrentRequests", maxConcurrentRequests, 256, 1, 1_000_000);
    maxRequestLineBytes = within("maxRequestLineBytes", maxRequestLineBytes, 4096, 256, 65_536);
    maxHeaderBytes = within("maxHeaderBytes", maxHeaderBytes, 16_384, 1024, 1_048_576);
    readTimeoutSeconds = within("readTimeoutSeconds", readTimeoutSeconds, 10, 1, 3600);
    idleTimeoutSeconds = within("idleTimeoutSeconds", idleTimeoutSeconds, 60, 1, 86_400);
  }

  /** The defaults, as an absent {@code limits:} section gives. */
  public static ListenerLimits defaults() {
    return new ListenerLimits(null, null, null, null, null, null);
  }

  /** Sets these limits on one listener of a server being built, whose TLS is {@code tls}. */
  <B extends ListenerConfig.BuilderBase<B, ?>> void applyTo(
      B listener, io.helidon.common.tls.Tls tls) {
    ReadDeadline deadline = new ReadDeadline(Duration.ofSeconds(readTimeoutSeconds));
    Duration idle = Duration.ofSeconds(idleTimeoutSeconds);
    listener
        .tls(deadline.arming(tls))
        .maxTcpConnections(maxConnections)
        .maxConcurrentRequests(maxConcurrentRequests)
        .directHandlers(DirectErrors.handlers())
        .idleConnectionTimeout(idle)
        // Helidon looks for idle connections every period: a quarter of the timeout (>= 250 ms).
        .idleConnectionPeriod(Duration.ofMillis(Math.max(250, idle.toMillis() / 4)))
        .addProtocol(
            Http1Config.builder()
                .maxPrologueLength(maxRequestLineBytes)
                .maxHeadersSize(maxHeaderBytes)
                .addReceiveListener(deadline)
                .build());
  }

  private static int within(String name, Integer value, int fallback, int min, int max) {
    int v = value == null ? fallback : value;
    if (v < min || v > max) {
      throw new IllegalArgumentException("limits." + name + " must be " + min + " to " + max);
    }
    return v;
  }
}
