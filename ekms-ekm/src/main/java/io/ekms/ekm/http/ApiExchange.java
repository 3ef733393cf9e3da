package io.ekms.ekm.http;

import io.ekms.core.error.ApiException;
import io.ekms.core.http.RequestId;
import io.ekms.core.http.RequestMetrics;
import io.ekms.core.http.Responses;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Runs one API exchange: binds the request id, calls the handler, writes its answer or maps its
 * failure, and records the metrics. Handlers stay thin: parse, call one service method, map.
 */
final class ApiExchange {
  /** A handler's answer: HTTP status and body. */
  record Reply(int status, Object body) {}

  /** One route's work, given the request and its request id. */
  @FunctionalInterface
  interface Handler {
    Reply handle(ServerRequest request, String requestId);
  }

  private final RequestMetrics metrics;

  ApiExchange(RequestMetrics metrics) {
    this.metrics = metrics;
  }

  io.helidon.webserver.http.Handler route(String operation, Handler handler) {
    return (req, res) -> run(operation, handler, req, res);
  }

  private void run(String operation, Handler handler, ServerRequest req, ServerResponse res) {
    long start = System.nanoTime();
    String requestId = RequestId.bind(req, res);
    String result;
    try {
      Reply reply = handler.handle(req, requestId);
      Responses.json(res, reply.status(), reply.body());
      result = "OK";
    } catch (RuntimeException t) {
      ApiException error = ErrorMapper.map(t, requestId);
      Responses.error(res, error);
      result = error.errorCode().code();
    }
    metrics.record(operation, result, System.nanoTime() - start);
  }
}
