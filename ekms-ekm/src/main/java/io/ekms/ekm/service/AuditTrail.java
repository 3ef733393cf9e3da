package io.ekms.ekm.service;

import io.ekms.core.audit.AuditLog;
import io.ekms.core.audit.AuditUnavailableException;
import io.ekms.core.error.ApiException;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The EKM's use of the one audit trail ({@link io.ekms.core.audit.AuditTrail}): a success is only
 * returned once its record is durable; when the audit store refuses, the caller gets 503
 * AuditUnavailable (the log's policy decides whether it refuses).
 */
public final class AuditTrail {
  public static final String OK = io.ekms.core.audit.AuditTrail.OK;
  private final io.ekms.core.audit.AuditTrail trail;

  public AuditTrail(AuditLog log, Clock clock) {
    this.trail = new io.ekms.core.audit.AuditTrail(log, clock, AuditTrail::code);
  }

  /** The shared trail underneath, for the parts of ekms-core that audit on the EKM's behalf. */
  public io.ekms.core.audit.AuditTrail core() {
    return trail;
  }

  /**
   * What an operation touched, for its audit record; any part may be null. Operations that create
   * or choose an object name it from their result ({@code targetOf}).
   */
  public record Target(String vault, String key, String version) {
    io.ekms.core.audit.AuditTrail.Target core() {
      return new io.ekms.core.audit.AuditTrail.Target(vault, key, version);
    }
  }

  /**
   * Runs and audits one operation of another protocol (XKS, Google) on a key: {@code translate}
   * turns the EKM's errors into the protocol's before the caller's answer and the audit record see
   * them, so both carry the code the caller saw.
   */
  public <T> T runTranslated(
      CallContext ctx,
      String operation,
      String vaultId,
      String keyId,
      UnaryOperator<ApiException> translate,
      Supplier<T> work) {
    return run(
        ctx,
        operation,
        new Target(vaultId, keyId, null),
        null,
        () -> {
          try {
            return work.get();
          } catch (ApiException e) {
            throw translate.apply(e);
          }
        });
  }

  public <T> T run(
      CallContext ctx,
      String operation,
      Target target,
      Function<T, Target> targetOf,
      Supplier<T> work) {
    Function<T, io.ekms.core.audit.AuditTrail.Target> of =
        targetOf == null ? null : result -> targetOf.apply(result).core();
    return available(() -> trail.run(ctx.subject(), operation, target.core(), of, null, work));
  }

  /** Records an outcome decided outside {@link #run}, such as a refused rate. */
  public void record(CallContext ctx, String operation, Target target, String result) {
    available(
        () -> {
          trail.record(ctx.subject(), operation, target.core(), result, Map.of());
          return null;
        });
  }

  /** Records a failure no service recorded (a malformed body or id); once per request. */
  public void recordIfPending(CallContext ctx, String operation, Target target, String result) {
    trail.recordIfPending(ctx.subject(), operation, target.core(), result);
  }

  private static <T> T available(Supplier<T> work) {
    try {
      return work.get();
    } catch (AuditUnavailableException e) {
      throw new ApiException(
          EkmError.AUDIT_UNAVAILABLE,
          "The audit log cannot record this request; it was refused.",
          e);
    }
  }

  private static String code(Throwable failure) {
    return failure instanceof ApiException e
        ? e.errorCode().code()
        : EkmError.INTERNAL_ERROR.code();
  }
}
