package io.ekms.core.http;

import io.ekms.core.audit.Refusals;
import io.ekms.core.error.ApiException;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Objects;

/**
 * The one request pipeline of every ekms API. For each request: bind the request id; establish the
 * caller ({@link Authenticator}), counting a refusal in the bounded refusal records; run the route;
 * when it fails, let the API's audit record the failure if no service did ({@link CallAudit});
 * answer exactly once, the error through the API's one {@link ErrorTable}; record the metrics.
 * Routes stay thin: parse, call one service method, map.
 *
 * @param <C> the API's caller type
 */
public final class Exchange<C> {
  /** One route's work, once its caller is established. */
  @FunctionalInterface
  public interface Route<C> {
    Reply handle(Request request, C caller);
  }

  private final Authenticator<C> authenticator;
  private final ErrorTable errors;
  private final Refusals refusals;
  private final CallAudit<C> audit;
  private final RequestMetrics metrics;
  private final int maxBody;
  private final List<Header> headers;
  private final java.util.function.Predicate<String> known;
  private final Holds holds;

  private Exchange(Builder<C> b) {
    this.authenticator = Objects.requireNonNull(b.authenticator, "authenticator");
    this.errors = Objects.requireNonNull(b.errors, "errors");
    this.refusals = b.refusals;
    this.audit = b.audit;
    this.metrics = Objects.requireNonNull(b.metrics, "metrics");
    this.maxBody = b.maxBody;
    this.headers = List.copyOf(b.headers);
    this.known = b.known;
    this.holds = b.holds;
  }

  public static <C> Builder<C> builder(Authenticator<C> authenticator, ErrorTable errors) {
    return new Builder<>(authenticator, errors);
  }

  /** The Helidon handler of {@code route}, named {@code operation} in metrics and records. */
  public io.helidon.webserver.http.Handler route(String operation, Route<C> route) {
    if (!known.test(operation)) {
      throw new IllegalStateException("no access decision for the operation " + operation);
    }
    if (holds != null) {
      holds.register(operation, replayed -> replay(route, replayed));
    }
    return (req, res) -> run(operation, route, req, res);
  }

  private void run(String operation, Route<C> route, ServerRequest req, ServerResponse res) {
    long start = System.nanoTime();
    String requestId = RequestId.bind(req, res);
    headers.forEach(res::header);
    Request request = new Request(req, requestId, maxBody, operation);
    String result =
        AnswerOnce.run(
            res, requestId, () -> answer(route, request, res), t -> fail(res, t, requestId));
    metrics.record(request.operation(), result, System.nanoTime() - start);
  }

  private void answer(Route<C> route, Request request, ServerResponse res) {
    C caller;
    try {
      caller = authenticator.authenticate(request);
    } catch (RuntimeException e) {
      if (refusals != null) {
        refusals.refused(
            request.source(), request.operation(), errors.code(e), request.requestId());
      }
      throw e;
    }
    Reply reply;
    try {
      reply = holds == null ? null : holds.hold(request);
      if (reply == null) {
        reply = route.handle(request, caller);
      }
    } catch (RuntimeException e) {
      audit.failed(caller, request.operation(), request, errors.code(e));
      throw e;
    }
    reply.headers().forEach((name, value) -> res.header(HeaderNames.create(name), value));
    if (reply.body() == null) {
      res.status(Status.create(reply.status())).send();
    } else {
      Responses.json(res, reply.status(), reply.body());
    }
  }

  /**
   * Runs {@code route} on a replayed request: its caller established again (the authenticator knows
   * a replay's principal), a failure recorded as a live call's would be. Never held again.
   */
  private Reply replay(Route<C> route, Request request) {
    C caller = authenticator.authenticate(request);
    try {
      return route.handle(request, caller);
    } catch (RuntimeException e) {
      audit.failed(caller, request.operation(), request, errors.code(e));
      throw e;
    }
  }

  private String fail(ServerResponse res, RuntimeException failure, String requestId) {
    ApiException answer = errors.answer(failure, requestId);
    errors.log(failure, answer, requestId);
    return errors.write(res, answer);
  }

  /** Builds an {@link Exchange}; only the authenticator and the error table are required. */
  public static final class Builder<C> {
    private final Authenticator<C> authenticator;
    private final ErrorTable errors;
    private Refusals refusals;
    private CallAudit<C> audit = CallAudit.none();
    private RequestMetrics metrics;
    private int maxBody = 64 * 1024;
    private List<Header> headers = List.of();
    private java.util.function.Predicate<String> known = operation -> true;
    private Holds holds;

    private Builder(Authenticator<C> authenticator, ErrorTable errors) {
      this.authenticator = authenticator;
      this.errors = errors;
    }

    /** Where refusals of callers that could not be established are counted (null: nowhere). */
    public Builder<C> refusals(Refusals value) {
      refusals = value;
      return this;
    }

    public Builder<C> audit(CallAudit<C> value) {
      audit = Objects.requireNonNull(value);
      return this;
    }

    public Builder<C> metrics(RequestMetrics value) {
      metrics = value;
      return this;
    }

    /** The largest request body the routes take (default 64 KiB). */
    public Builder<C> maxBody(int bytes) {
      maxBody = bytes;
      return this;
    }

    /** Headers set on every answer of this API. */
    public Builder<C> headers(List<Header> values) {
      headers = values;
      return this;
    }

    /**
     * The operations this API decided who may run (its role table): {@link #route} refuses any
     * other at start-up, so no route ships without a decision.
     */
    public Builder<C> operations(java.util.function.Predicate<String> decided) {
      known = Objects.requireNonNull(decided);
      return this;
    }

    /** The calls that wait for approval before they run (null: none). */
    public Builder<C> holds(Holds value) {
      holds = value;
      return this;
    }

    public Exchange<C> build() {
      return new Exchange<>(this);
    }
  }
}
