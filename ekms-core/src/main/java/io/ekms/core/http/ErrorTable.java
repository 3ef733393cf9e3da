package io.ekms.core.http;

import io.ekms.core.error.ApiException;
import io.helidon.webserver.http.ServerResponse;

/**
 * One API's table from failures to answers: the one place its errors become HTTP. {@link #answer}
 * is pure (no logging), so it also tells the code a refusal or an audit record carries.
 */
public interface ErrorTable {
  /** The answer for {@code failure}; internal failures get a fixed sentence naming the request. */
  ApiException answer(Throwable failure, String requestId);

  /** The stable error code {@code failure} is answered with. */
  default String code(Throwable failure) {
    return answer(failure, "").errorCode().code();
  }

  /**
   * Logs what the caller is not told, after {@link #answer}: by default, the cause of a 5xx, with
   * the request id.
   */
  default void log(Throwable failure, ApiException answer, String requestId) {
    if (answer.status() >= 500) {
      Throwable cause = answer == failure ? answer.getCause() : failure;
      System.getLogger(getClass().getName())
          .log(
              System.Logger.Level.ERROR,
              "request " + requestId + ": " + answer.getMessage(),
              cause);
    }
  }

  /** Writes the answer in the API's shape; returns the code, for the metrics. */
  default String write(ServerResponse response, ApiException answer) {
    return Responses.error(response, answer);
  }
}
