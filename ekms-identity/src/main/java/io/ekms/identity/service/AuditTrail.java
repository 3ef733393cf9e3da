package io.ekms.identity.service;

import io.ekms.core.audit.AuditLog;
import io.ekms.core.audit.AuditRecord;
import io.ekms.core.audit.AuditUnavailableException;
import io.ekms.core.error.ApiException;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Records identity operations in the audit log before the caller is answered: a success is only
 * returned once its record is durable. When the store refuses (per the log's policy), {@link
 * AuditUnavailableException} propagates and each API answers it with its own 503. Details never
 * hold a secret or a token: callers pass ids, audiences, scope names and key ids only.
 */
public final class AuditTrail {
  public static final String OK = "OK";
  private final AuditLog log;
  private final Clock clock;

  public AuditTrail(AuditLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
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
    T result;
    try {
      result = work.get();
    } catch (ApiException e) {
      recordQuietly(ctx, operation, e.errorCode().code(), Map.of());
      throw e;
    } catch (AuditUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      recordQuietly(ctx, operation, internalCode, Map.of());
      throw e;
    }
    record(ctx, operation, OK, detailsOf == null ? Map.of() : detailsOf.apply(result));
    return result;
  }

  /**
   * Appends one record.
   *
   * @throws AuditUnavailableException when the log refuses it
   */
  public void record(
      CallContext ctx, String operation, String result, Map<String, String> details) {
    ctx.mark().markRecorded();
    log.append(
        AuditRecord.clipped(
            clock.instant(),
            ctx.requestId(),
            ctx.caller(),
            operation,
            null,
            null,
            null,
            result,
            details));
  }

  /**
   * Records a failure of a request whose service recorded nothing (a malformed body or id); a no-op
   * when its record was written already.
   */
  public void recordIfPending(CallContext ctx, String operation, String result) {
    if (!ctx.mark().isRecorded()) {
      recordQuietly(ctx, operation, result, Map.of());
    }
  }

  /** For failures: the caller's error wins over an audit failure, which the log reports itself. */
  public void recordQuietly(
      CallContext ctx, String operation, String result, Map<String, String> details) {
    try {
      record(ctx, operation, result, details);
    } catch (AuditUnavailableException ignored) {
      // The original error is what the caller must see.
    }
  }
}
