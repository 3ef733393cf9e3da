package io.ekms.kms.service;

import io.ekms.core.audit.AuditMark;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An authenticated request: who ({@code principalId}, a user OCID), the {@code opc-request-id}, the
 * caller's {@code loggingContext} (recorded in the audit only; null values become empty strings),
 * and the {@link AuditMark} that notes whether the request's audit record was written.
 */
public record Caller(
    String principalId, String requestId, Map<String, String> loggingContext, AuditMark mark) {
  public Caller {
    Objects.requireNonNull(principalId);
    Objects.requireNonNull(requestId);
    Objects.requireNonNull(mark);
    loggingContext = loggingContext == null ? Map.of() : copy(loggingContext);
  }

  /** A caller with a fresh mark. */
  public Caller(String principalId, String requestId, Map<String, String> loggingContext) {
    this(principalId, requestId, loggingContext, new AuditMark());
  }

  /** The same request with the context its body named; the mark is shared. */
  public Caller withLoggingContext(Map<String, String> context) {
    return new Caller(principalId, requestId, context, mark);
  }

  /** An immutable copy; JSON may carry null values, which {@link Map#copyOf} refuses. */
  private static Map<String, String> copy(Map<String, String> context) {
    Map<String, String> out = new HashMap<>(context.size());
    context.forEach((k, v) -> out.put(k == null ? "" : k, v == null ? "" : v));
    return Map.copyOf(out);
  }
}
