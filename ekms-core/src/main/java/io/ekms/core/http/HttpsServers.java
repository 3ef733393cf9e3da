package io.ekms.core.http;

import io.ekms.core.tls.ServerIdentity;
import io.helidon.common.tls.Tls;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;

/**
 * Starts an ekms server the one way all of them run: HTTPS on a public listener and on an admin
 * listener (named socket {@code admin}), both with the same certificate, a 1 MiB payload bound, the
 * server's {@link ListenerLimits} on each listener, and Prometheus {@code /metrics} on the admin
 * listener only (never on a public one).
 */
public final class HttpsServers {
  private static final long MAX_PAYLOAD = 1 << 20;

  private HttpsServers() {}

  public static WebServer start(
      Listener api,
      HttpRouting.Builder apiRouting,
      Listener admin,
      HttpRouting.Builder adminRouting,
      ServerIdentity identity,
      ListenerLimits limits) {
    return builder(api, apiRouting, admin, adminRouting, ServerTls.of(identity), limits)
        .build()
        .start();
  }

  /** The same set-up, for a server that adds sockets of its own before it starts. */
  public static WebServerConfig.Builder builder(
      Listener api,
      HttpRouting.Builder apiRouting,
      Listener admin,
      HttpRouting.Builder adminRouting,
      Tls tls,
      ListenerLimits limits) {
    return builder(api, apiRouting, tls, admin, adminRouting, tls, limits);
  }

  /** As above, with TLS of its own on each listener (for example mutual TLS on the API's). */
  public static WebServerConfig.Builder builder(
      Listener api,
      HttpRouting.Builder apiRouting,
      Tls apiTls,
      Listener admin,
      HttpRouting.Builder adminRouting,
      Tls adminTls,
      ListenerLimits limits) {
    WebServerConfig.Builder server =
        WebServer.builder()
            .host(api.host())
            .port(api.port())
            .maxPayloadSize(MAX_PAYLOAD)
            .addFeature(Metrics.feature("admin"))
            .routing(apiRouting);
    limits.applyTo(server, apiTls);
    addSocket(server, "admin", admin, adminTls, adminRouting, limits);
    return server;
  }

  /** An extra HTTPS socket with its own TLS (for example mutual TLS) and the same limits. */
  public static void addSocket(
      WebServerConfig.Builder builder,
      String name,
      Listener listener,
      Tls tls,
      HttpRouting.Builder routing,
      ListenerLimits limits) {
    builder.putSocket(
        name,
        s -> {
          s.host(listener.host())
              .port(listener.port())
              .maxPayloadSize(MAX_PAYLOAD)
              .routing(routing);
          limits.applyTo(s, tls);
        });
  }
}
