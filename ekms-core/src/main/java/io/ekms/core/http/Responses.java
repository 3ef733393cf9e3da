package io.ekms.core.http;

import io.ekms.common.json.Json;
import io.ekms.common.secret.Wipe;
import io.ekms.core.error.ApiException;
import io.ekms.core.error.ErrorBody;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** Writes JSON answers and error bodies; the only place ekms turns objects into HTTP bodies. */
public final class Responses {
  private Responses() {}

  /**
   * Writes {@code body} as JSON. Answers can carry plaintext (as Base64), so the encoded bytes are
   * wiped once sent: Helidon writes them before {@code send} returns (ekms listeners keep its
   * default of direct writes, no write queue).
   */
  public static void json(ServerResponse response, int status, Object body) {
    response.status(Status.create(status));
    response.header(HeaderValues.CONTENT_TYPE_JSON);
    response.header(HeaderValues.create(io.helidon.http.HeaderNames.CACHE_CONTROL, "no-store"));
    byte[] bytes = Json.write(body);
    try {
      response.send(bytes);
    } finally {
      Wipe.bytes(bytes);
    }
  }

  /**
   * Writes {@code error}'s answer (with {@code Retry-After} when it says when to retry); returns
   * its code, the result the metrics record.
   */
  public static String error(ServerResponse response, ApiException error) {
    return error(response, error, error.body());
  }

  /** Writes {@code body} as {@code error}'s answer, for APIs with their own error body shape. */
  public static String error(ServerResponse response, ApiException error, Object body) {
    error
        .retryAfterSeconds()
        .ifPresent(
            s ->
                response.header(
                    HeaderValues.create(
                        io.helidon.http.HeaderNames.RETRY_AFTER, Long.toString(s))));
    json(response, error.status(), body);
    return error.errorCode().code();
  }

  public static void error(ServerResponse response, int status, String code, String message) {
    json(response, status, new ErrorBody(code, message));
  }
}
