package io.ekms.core.http;

import io.helidon.webserver.http.HttpRouting;

/**
 * The answer to a request that no route took: a JSON 404 with the API's own stable error code
 * (never the web server's plain-text page), and the request id bound like any other answer.
 * Register it after every other route of the listener.
 *
 * <p>Helidon's observe feature adds {@code /metrics} to a listener's routing after the routes given
 * to it, so on an admin listener ({@code metrics} true) the fallback passes {@code /metrics} on to
 * it instead of answering.
 */
public final class NoRoute {
  private NoRoute() {}

  /** Answers every request not taken by an earlier route with 404 {@code code}. */
  public static void register(HttpRouting.Builder routing, String code, boolean metrics) {
    routing.any(
        (req, res) -> {
          String path = req.path().path();
          if (metrics && (path.equals("/metrics") || path.startsWith("/metrics/"))) {
            res.next();
            return;
          }
          RequestId.bind(req, res);
          Responses.error(res, 404, code, "There is no such operation at this path.");
        });
  }
}
