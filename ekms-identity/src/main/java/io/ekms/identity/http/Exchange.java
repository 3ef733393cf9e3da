package io.ekms.identity.http;

import io.ekms.core.error.ApiException;
import io.ekms.core.http.AnswerOnce;
import io.ekms.core.http.RequestId;
import io.ekms.core.http.RequestMetrics;
import io.ekms.core.http.Responses;
import io.helidon.http.Header;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Runs one exchange of an identity API: binds the request id, calls the handler, writes its answer
 * (JSON, or nothing for 204) or maps its failure through the API's one mapper, and records the
 * metrics. Handlers stay thin: parse, call one service method, map.
 */
final class Exchange {
  /** A handler's answer: HTTP status and body ({@code null} for 204). */
  record Reply(int status, Object body) {}

  /** One route's work, given the request and its request id. */
  @FunctionalInterface
  interface Handler {
    Reply handle(ServerRequest request, String requestId);
  }

  /** How an API answers a failure: maps it and writes it; returns the error code for metrics. */
  @FunctionalInterface
  interface ErrorWriter {
    String write(ServerResponse response, ApiException error);
  }

  private final RequestMetrics metrics;
  private final BiFunction<Throwable, String, ApiException> mapper;
  private final ErrorWriter errors;
  private final List<Header> headers;

  /** {@code headers} are set on every answer of this API. */
  Exchange(
      RequestMetrics metrics,
      BiFunction<Throwable, String, ApiException> mapper,
      ErrorWriter errors,
      List<Header> headers) {
    this.metrics = metrics;
    this.mapper = mapper;
    this.errors = errors;
    this.headers = List.copyOf(headers);
  }

  io.helidon.webserver.http.Handler route(String operation, Handler handler) {
    return (req, res) -> run(operation, handler, req, res);
  }

  private void run(String operation, Handler handler, ServerRequest req, ServerResponse res) {
    long start = System.nanoTime();
    String requestId = RequestId.bind(req, res);
    headers.forEach(res::header);
    String result =
        AnswerOnce.run(
            res,
            requestId,
            () -> {
              Reply reply = handler.handle(req, requestId);
              if (reply.body() == null) {
                res.status(Status.create(reply.status())).send();
              } else {
                Responses.json(res, reply.status(), reply.body());
              }
            },
            t -> errors.write(res, mapper.apply(t, requestId)));
    metrics.record(operation, result, System.nanoTime() - start);
  }
}
