package io.ekms.core.http;

/** One listening socket: host and port (0 picks a free port, for tests). */
public record Listener(String host, int port) {
  public Listener {
    if (host == null || host.isBlank()) {
      host = "127.0.0.1";
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535");
    }
  }

  public boolean isLoopback() {
    return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
  }
}
