package io.ekms.kms.service;

import io.ekms.core.audit.AuditLog;
import io.ekms.core.audit.AuditSubject;
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
  private final io.ekms.core.audit.AuditTrail trail;

  public KmsAudit(AuditLog log, Clock clock) {
    this.trail = new io.ekms.core.audit.AuditTrail(log, clock, KmsAudit::code);
  }

  /** The shared trail underneath, for the parts of ekms-core that audit on the KMS's behalf. */
  public io.ekms.core.audit.AuditTrail core() {
    return trail;
  }

  /** The resource an operation touched, for the record; parts may be null. */
  public record Target(String vault, String key, String version) {
    io.ekms.core.audit.AuditTrail.Target core() {
      return new io.ekms.core.audit.AuditTrail.Target(vault, key, version);
    }
  }

  public <T> T run(
      Caller caller,
      String operation,
      Target target,
      Function<T, Target> targetOf,
      Supplier<T> work) {
    Function<T, io.ekms.core.audit.AuditTrail.Target> of =
        targetOf == null ? null : result -> targetOf.apply(result).core();
    return available(() -> trail.run(subject(caller), operation, target.core(), of, null, work));
  }

  public void record(Caller caller, String operation, Target target, String result) {
    available(
        () -> {
          trail.record(subject(caller), operation, target.core(), result, Map.of());
          return null;
        });
  }

  /**
   * Records a failure of a request whose service recorded nothing (it failed before one ran: a
   * malformed body or id); a no-op when its record was written already.
   */
  public void recordIfPending(Caller caller, String operation, Target target, String result) {
    trail.recordIfPending(subject(caller), operation, target.core(), result);
  }

  /** The caller as the record names it, with its logging context (at most 16 entries). */
  private static AuditSubject subject(Caller caller) {
    Map<String, String> details = new TreeMap<>();
    caller.loggingContext().entrySet().stream()
        .limit(MAX_CONTEXT)
        .forEach(
            e ->
                details.put(
                    "loggingContext." + AuditText.clip(e.getKey(), 48),
                    AuditText.clip(e.getValue(), 512)));
    return new AuditSubject(caller.requestId(), caller.principalId(), caller.mark(), details);
  }

  private static <T> T available(Supplier<T> work) {
    try {
      return work.get();
    } catch (AuditUnavailableException e) {
      throw new ApiException(
          KmsError.AUDIT_UNAVAILABLE,
          "The audit log cannot record this request; it was refused.",
          e);
    }
  }

  private static String code(Throwable failure) {
    return switch (failure) {
      case ApiException e -> e.errorCode().code();
      case EkmException e -> KmsError.forExternal(e).code();
      default -> KmsError.INTERNAL_SERVER_ERROR.code();
    };
  }
}
