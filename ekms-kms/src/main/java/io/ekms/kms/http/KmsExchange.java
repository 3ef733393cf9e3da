package io.ekms.kms.http;

import io.ekms.core.audit.Refusals;
import io.ekms.core.http.AnswerOnce;
import io.ekms.core.http.Bodies;
import io.ekms.core.http.Peers;
import io.ekms.core.http.RequestId;
import io.ekms.core.http.RequestMetrics;
import io.ekms.core.http.Responses;
import io.ekms.core.json.Json;
import io.ekms.kms.service.Caller;
import io.ekms.kms.service.KmsAudit;
import io.ekms.kms.service.RequestRates;
import io.ekms.kms.service.RetryTokens;
import io.ekms.kms.service.Validate;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one KMS API exchange: request id, bounded body, signature authentication, the principal's
 * request rate, optional {@code opc-retry-token} replay, the handler, and one error mapping.
 * Handlers stay thin. A request refused before its caller authenticated, or over its principal's
 * rate, is counted in the bounded refusal records ({@link Refusals}); every other request is
 * audited by its service, or here when it failed before one ran.
 */
final class KmsExchange {
  static final int MAX_BODY = 64 * 1024;

  /** A handler's answer: status, body and extra headers (etag, opc-next-page). */
  record Reply(int status, Object body, Map<String, String> headers) {
    Reply(int status, Object body) {
      this(status, body, Map.of());
    }
  }

  /** What a handler gets: the request, its body, and the authenticated caller. */
  record Call(ServerRequest request, byte[] body, Caller caller) {
    /** A path parameter as sent (decoded), or null when the route has none. */
    String path(String name) {
      return request.path().pathParameters().first(name).orElse(null);
    }

    /** A path parameter that must be an OCID of {@code type}: a 400 naming it otherwise. */
    String id(String name, String type) {
      return Validate.ocid(name, path(name), type);
    }

    Optional<String> query(String name) {
      return request.query().first(name).asOptional();
    }

    String header(String name) {
      return request.headers().first(HeaderNames.create(name)).orElse(null);
    }

    <T> T json(Class<T> type) {
      return Json.read(body, type);
    }
  }

  /** One route's work. */
  @FunctionalInterface
  interface Handler {
    Reply handle(Call call);
  }

  private final Authenticator authenticator;
  private final KmsAudit audit;
  private final Refusals refusals;
  private final RequestRates rates;
  private final RetryTokens retryTokens;
  private final RequestMetrics metrics;

  KmsExchange(
      Authenticator authenticator,
      KmsAudit audit,
      Refusals refusals,
      RequestRates rates,
      RetryTokens retryTokens,
      RequestMetrics metrics) {
    this.authenticator = authenticator;
    this.audit = audit;
    this.refusals = refusals;
    this.rates = rates;
    this.retryTokens = retryTokens;
    this.metrics = metrics;
  }

  /** A route; {@code idempotent} routes honour {@code opc-retry-token}. */
  io.helidon.webserver.http.Handler route(String operation, boolean idempotent, Handler h) {
    return (req, res) -> run(operation, idempotent, h, req, res);
  }

  private void run(
      String operation,
      boolean idempotent,
      Handler handler,
      ServerRequest req,
      ServerResponse res) {
    long start = System.nanoTime();
    String requestId = RequestId.bind(req, res);
    String result =
        AnswerOnce.run(
            res,
            requestId,
            () -> answer(operation, idempotent, handler, req, res, requestId),
            t -> Responses.error(res, KmsErrorMapper.map(t, requestId)));
    metrics.record(operation, result, System.nanoTime() - start);
  }

  /** Authenticates, runs the handler (once per retry token) and writes its answer. */
  private void answer(
      String operation,
      boolean idempotent,
      Handler handler,
      ServerRequest req,
      ServerResponse res,
      String requestId) {
    byte[] body;
    String principal;
    try {
      body = Bodies.read(req, MAX_BODY);
      String target =
          req.prologue().uriPath().rawPath()
              + (req.query().rawValue().isEmpty() ? "" : "?" + req.query().rawValue());
      principal =
          authenticator.authenticate(
              req.prologue().method().text(),
              target,
              name -> req.headers().all(HeaderNames.create(name), java.util.List::of),
              body);
      rates.admit(principal);
    } catch (RuntimeException e) {
      String code = KmsErrorMapper.code(e);
      refusals.refused(Peers.address(req), operation, code, requestId);
      throw e;
    }
    Call call = new Call(req, body, new Caller(principal, requestId, Map.of()));
    String token = idempotent ? call.header("opc-retry-token") : null;
    Reply reply;
    try {
      reply =
          token == null ? handler.handle(call) : withRetryToken(operation, token, call, handler);
    } catch (RuntimeException e) {
      String code = KmsErrorMapper.code(e);
      audit.recordIfPending(call.caller(), operation, target(call), code);
      throw e;
    }
    reply.headers().forEach((k, v) -> res.header(HeaderNames.create(k), v));
    Responses.json(res, reply.status(), reply.body());
  }

  private Reply withRetryToken(String operation, String token, Call call, Handler handler) {
    String principal = call.caller().principalId();
    String hash = hash(call);
    var stored = retryTokens.begin(principal, token, operation, hash);
    if (stored.isPresent()) {
      return new Reply(
          stored.get().status(),
          Json.mapper()
              .valueToTree(
                  Json.read(stored.get().body().getBytes(StandardCharsets.UTF_8), Object.class)));
    }
    try {
      Reply reply = handler.handle(call);
      retryTokens.complete(principal, token, reply.status(), Json.writeString(reply.body()));
      return new Reply(reply.status(), reply.body(), new LinkedHashMap<>(reply.headers()));
    } catch (RuntimeException e) {
      retryTokens.release(principal, token);
      throw e;
    }
  }

  /** What the request names, as sent (the audit clips it), for the record of a refused request. */
  private static KmsAudit.Target target(Call call) {
    return new KmsAudit.Target(call.path("vaultId"), call.path("keyId"), call.path("versionId"));
  }

  private static String hash(Call call) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(call.request().prologue().method().text().getBytes(StandardCharsets.UTF_8));
      d.update(call.request().prologue().uriPath().rawPath().getBytes(StandardCharsets.UTF_8));
      d.update(call.body());
      return HexFormat.of().formatHex(d.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
