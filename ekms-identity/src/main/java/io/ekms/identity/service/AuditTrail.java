package io.ekms.identity.service;

import io.ekms.core.audit.AuditLog;
import io.ekms.core.audit.AuditUnavailableException;
import io.ekms.core.error.ApiException;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The identity server's use of the one audit trail ({@link io.ekms.core.audit.AuditTrail}): a
 * success is only returned once its record is durable. When the store refuses (per the log's
 * policy), {@link AuditUnavailableException} propagates and each API answers it with its own 503.
 * Details never hold a secret or a token: callers pass ids, audiences, scope names and key ids
 * only.
 */
public final class AuditTrail {
  public static final String OK = io.ekms.core.audit.AuditTrail.OK;
  private static final io.ekms.core.audit.AuditTrail.Target NONE =
      io.ekms.core.audit.AuditTrail.Target.NONE;
  private final io.ekms.core.audit.AuditTrail trail;

  public AuditTrail(AuditLog log, Clock clock) {
    this.trail = new io.ekms.core.audit.AuditTrail(log, clock, failure -> "InternalError");
  }

  /**
   * Runs {@code work} and records its outcome: {@code OK} with {@code detailsOf(result)}, or the
   * error's code ({@code internalCode} for anything that is not an {@link ApiException}).
   */
  public <T> T run(
      CallContext ctx,
      String operation,
      String internalCode,
      Function<T, Map<String, String>> detailsOf,
      Supplier<T> work) {
    return trail
        .withCodes(f -> f instanceof ApiException e ? e.errorCode().code() : internalCode)
        .run(ctx.subject(), operation, NONE, null, detailsOf, work);
  }

  /**
   * Appends one record.
   *
   * @throws AuditUnavailableException when the log refuses it
   */
  public void record(
      CallContext ctx, String operation, String result, Map<String, String> details) {
    trail.record(ctx.subject(), operation, NONE, result, details);
  }

  /** For failures: the caller's error wins over an audit failure, which the log reports itself. */
  public void recordQuietly(
      CallContext ctx, String operation, String result, Map<String, String> details) {
    trail.recordQuietly(ctx.subject(), operation, NONE, result, details);
  }

  /** Records a failure no service recorded (a malformed body or id); once per request. */
  public void recordIfPending(CallContext ctx, String operation, String result) {
    trail.recordIfPending(ctx.subject(), operation, NONE, result);
  }
}
