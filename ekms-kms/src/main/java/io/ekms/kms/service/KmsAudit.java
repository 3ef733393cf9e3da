package io.ekms.kms.service;

import io.ekms.core.audit.AuditLog;
import io.ekms.core.audit.AuditRecord;
import io.ekms.core.audit.AuditText;
import io.ekms.core.audit.AuditUnavailableException;
import io.ekms.core.error.ApiException;
import io.ekms.kms.external.EkmException;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one KMS operation and appends its audit record (principal, operation, resource, result,
 * request id, logging context) before answering. Never records plaintext, keys or DEKs: only ids.
 */
public final class KmsAudit {
  private static final int MAX_CONTEXT = 16;
  private final AuditLog log;
  private final Clock clock;

  public KmsAudit(AuditLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  /** The resource an operation touched, for the record; parts may be null. */
  public record Target(String vault, String key, String version) {}

  public <T> T run(
      Caller caller,
      String operation,
      Target target,
      Function<T, Target> targetOf,
      Supplier<T> work) {
    T result;
    try {
      result = work.get();
    } catch (ApiException e) {
      quietly(caller, operation, target, e.errorCode().code());
      throw e;
    } catch (EkmException e) {
      quietly(caller, operation, target, KmsError.forExternal(e).code());
      throw e;
    } catch (RuntimeException e) {
      quietly(caller, operation, target, KmsError.INTERNAL_SERVER_ERROR.code());
      throw e;
    }
    record(caller, operation, targetOf == null ? target : targetOf.apply(result), "OK");
    return result;
  }

  public void record(Caller caller, String operation, Target target, String result) {
    caller.mark().markRecorded();
    Map<String, String> details = new TreeMap<>();
    caller.loggingContext().entrySet().stream()
        .limit(MAX_CONTEXT)
        .forEach(
            e ->
                details.put(
                    "loggingContext." + AuditText.clip(e.getKey(), 48),
                    AuditText.clip(e.getValue() == null ? "" : e.getValue(), 512)));
    try {
      log.append(
          AuditRecord.clipped(
              clock.instant(),
              caller.requestId(),
              caller.principalId(),
              operation,
              target.vault(),
              target.key(),
              target.version(),
              result,
              details));
    } catch (AuditUnavailableException e) {
      throw new ApiException(
          KmsError.AUDIT_UNAVAILABLE,
          "The audit log cannot record this request; it was refused.",
          e);
    }
  }

  /**
   * Records a failure of a request whose service recorded nothing (it failed before one ran: a
   * malformed body or id); a no-op when its record was written already.
   */
  public void recordIfPending(Caller caller, String operation, Target target, String result) {
    if (!caller.mark().isRecorded()) {
      quietly(caller, operation, target, result);
    }
  }

  private void quietly(Caller caller, String operation, Target target, String result) {
    try {
      record(caller, operation, target, result);
    } catch (ApiException ignored) {
      // The caller must see the original error; the audit log reports its own failure.
    }
  }
}
