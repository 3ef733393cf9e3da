package io.ekms.core.http;

import io.ekms.core.error.ApiException;
import io.ekms.core.error.ErrorBody;
import io.ekms.core.json.Json;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** Writes JSON answers and error bodies; the only place ekms turns objects into HTTP bodies. */
public final class Responses {
  private Responses() {}

  public static void json(ServerResponse response, int status, Object body) {
    response.status(Status.create(status));
    response.header(HeaderValues.CONTENT_TYPE_JSON);
    response.header(HeaderValues.create(io.helidon.http.HeaderNames.CACHE_CONTROL, "no-store"));
    response.send(Json.write(body));
  }

  /** Writes {@code error}'s answer; returns its code, the result the metrics record. */
  public static String error(ServerResponse response, ApiException error) {
    json(response, error.status(), error.body());
    return error.errorCode().code();
  }

  public static void error(ServerResponse response, int status, String code, String message) {
    json(response, status, new ErrorBody(code, message));
  }
}
