package io.ekms.core.http;

import io.ekms.core.error.ApiException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.function.BiFunction;

/**
 * Runs one JSON API exchange: binds the request id, calls the handler, writes its answer or maps
 * its failure through the API's one error mapper, and records the metrics. Handlers stay thin:
 * parse, call one service method, map.
 */
public final class JsonExchange {
  /** A handler's answer: HTTP status and body. */
  public record Reply(int status, Object body) {}

  /** One route's work, given the request and its request id. */
  @FunctionalInterface
  public interface Handler {
    Reply handle(ServerRequest request, String requestId);
  }

  private final RequestMetrics metrics;
  private final BiFunction<RuntimeException, String, ApiException> errors;

  /** {@code errors} maps a failure and the request id to the API's error answer. */
  public JsonExchange(
      RequestMetrics metrics, BiFunction<RuntimeException, String, ApiException> errors) {
    this.metrics = metrics;
    this.errors = errors;
  }

  public io.helidon.webserver.http.Handler route(String operation, Handler handler) {
    return (req, res) -> run(operation, handler, req, res);
  }

  private void run(String operation, Handler handler, ServerRequest req, ServerResponse res) {
    long start = System.nanoTime();
    String requestId = RequestId.bind(req, res);
    String result =
        AnswerOnce.run(
            res,
            requestId,
            () -> {
              Reply reply = handler.handle(req, requestId);
              Responses.json(res, reply.status(), reply.body());
            },
            t -> Responses.error(res, errors.apply(t, requestId)));
    metrics.record(operation, result, System.nanoTime() - start);
  }
}
