package io.ekms.ekm.service;

import io.ekms.core.audit.AuditLog;
import io.ekms.core.audit.AuditRecord;
import io.ekms.core.audit.AuditUnavailableException;
import io.ekms.core.error.ApiException;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one EKM operation and records its outcome in the audit log before the caller is answered. A
 * success is only returned once its record is durable; when the audit store refuses, the caller
 * gets 503 (the log's policy decides whether it refuses).
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
   * What an operation touched, for its audit record; any part may be null. Operations that create
   * or choose an object name it from their result ({@code targetOf}).
   */
  public record Target(String vault, String key, String version) {}

  public <T> T run(
      CallContext ctx,
      String operation,
      Target target,
      Function<T, Target> targetOf,
      Supplier<T> work) {
    T result;
    try {
      result = work.get();
    } catch (ApiException e) {
      recordQuietly(ctx, operation, target, e.errorCode().code());
      throw e;
    } catch (RuntimeException e) {
      recordQuietly(ctx, operation, target, EkmError.INTERNAL_ERROR.code());
      throw e;
    }
    record(ctx, operation, targetOf == null ? target : targetOf.apply(result), OK);
    return result;
  }

  /** Records an outcome decided outside {@link #run}, such as a refused token. */
  public void record(CallContext ctx, String operation, Target target, String result) {
    ctx.mark().markRecorded();
    try {
      log.append(
          AuditRecord.clipped(
              clock.instant(),
              ctx.requestId(),
              ctx.caller(),
              operation,
              target.vault(),
              target.key(),
              target.version(),
              result,
              Map.of()));
    } catch (AuditUnavailableException e) {
      throw new ApiException(
          EkmError.AUDIT_UNAVAILABLE,
          "The audit log cannot record this request; it was refused.",
          e);
    }
  }

  /**
   * Records a failure of a request whose service recorded nothing (it failed before or outside one:
   * a malformed body, a malformed id); a no-op when its record was written already.
   */
  public void recordIfPending(CallContext ctx, String operation, Target target, String result) {
    if (!ctx.mark().isRecorded()) {
      recordQuietly(ctx, operation, target, result);
    }
  }

  /** For failures: the caller's error wins over an audit failure, which is logged by the log. */
  private void recordQuietly(CallContext ctx, String operation, Target target, String result) {
    try {
      record(ctx, operation, target, result);
    } catch (ApiException ignored) {
      // The original error is what the caller must see; the audit log reports its own failure.
    }
  }
}
