package io.ekms.stack;

import io.ekms.core.http.Listener;
import io.ekms.identity.server.IdentityConfig;
import io.ekms.identity.server.IdentityServer;
import java.time.Clock;
import java.util.Map;

/**
 * The identity server of a {@link LoopbackStack}: started on its clock, and restarted on the ports
 * it bound first with the same clock, so its issuer URL (and so every token's {@code iss} and the
 * KMS's trust) stays the same.
 */
final class StackIdentity implements AutoCloseable {
  private final Clock clock;
  private final IdentityConfig config;
  private volatile IdentityServer server;

  private StackIdentity(Clock clock, IdentityConfig config, IdentityServer server) {
    this.clock = clock;
    this.config = config;
    this.server = server;
  }

  static StackIdentity start(IdentityConfig config, Clock clock) {
    IdentityServer server = IdentityServer.start(config, Map.of(), clock);
    return new StackIdentity(clock, onBoundPorts(config, server), server);
  }

  IdentityServer server() {
    return server;
  }

  /** The configuration with the ports actually bound. */
  IdentityConfig config() {
    return config;
  }

  /** Stops the server and starts it again on the same ports, data and clock. */
  synchronized void restart() {
    IdentityServer running = server;
    server = null;
    running.close();
    server = IdentityServer.start(config, Map.of(), clock);
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  private static IdentityConfig onBoundPorts(IdentityConfig c, IdentityServer server) {
    return new IdentityConfig(
        c.dataDir(),
        new Listener(c.api().host(), server.apiPort()),
        new Listener(c.admin().host(), server.adminPort()),
        c.issuer(),
        c.tls(),
        c.database(),
        c.masterKeyFile(),
        c.tokens(),
        c.audit(),
        c.limits());
  }
}
