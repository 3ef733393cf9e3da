package io.ekms.core.http;

import io.ekms.common.json.Json;
import io.ekms.core.error.ErrorBody;
import io.helidon.http.DirectHandler;
import io.helidon.http.DirectHandler.EventType;
import io.helidon.http.DirectHandler.TransportResponse;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * The answers the web server gives itself, before any route runs (a request line or headers over
 * the listener's limits, a request it cannot parse, too many requests at once): JSON {@code
 * {"code","message"}} with a stable code, as every other ekms answer, instead of the server's plain
 * text. The message is a fixed sentence per status: nothing of the request is echoed.
 */
final class DirectErrors {
  private DirectErrors() {}

  static DirectHandlers handlers() {
    DirectHandler json = DirectErrors::answer;
    DirectHandlers.Builder builder = DirectHandlers.builder();
    for (EventType type : EventType.values()) {
      builder.addHandler(type, json);
    }
    return builder.build();
  }

  private static TransportResponse answer(
      DirectHandler.TransportRequest request,
      EventType event,
      Status status,
      io.helidon.http.ServerResponseHeaders headers,
      String ignoredMessage) {
    headers.set(HeaderValues.CONTENT_TYPE_JSON);
    headers.set(HeaderValues.create(io.helidon.http.HeaderNames.CACHE_CONTROL, "no-store"));
    return TransportResponse.builder()
        .status(status)
        .headers(headers)
        .keepAlive(event.keepAlive())
        .entity(Json.write(body(status.code())))
        .build();
  }

  static ErrorBody body(int status) {
    return switch (status) {
      case 400 -> new ErrorBody("BadRequest", "The request is not valid HTTP or exceeds a limit.");
      case 403 -> new ErrorBody("Forbidden", "The request is not allowed on this listener.");
      case 413 -> new ErrorBody("PayloadTooLarge", "The request body is too large.");
      case 414 ->
          new ErrorBody("UriTooLong", "The request line is longer than this listener takes.");
      case 431 -> new ErrorBody("HeadersTooLarge", "The request headers are larger than allowed.");
      case 503 -> new ErrorBody("ServiceUnavailable", "The listener is at its limit; retry later.");
      case 505 -> new ErrorBody("HttpVersionNotSupported", "Use HTTP/1.1.");
      default ->
          new ErrorBody(status >= 500 ? "InternalError" : "BadRequest", "The request failed.");
    };
  }
}
