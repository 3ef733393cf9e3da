package io.ekms.core.audit;

import java.util.Map;

/**
 * Who an audited request is, as each API knows its callers: the request id, the caller as the
 * record names it, the {@link AuditMark} of the request, and details to record with every outcome
 * (a KMS caller's logging context, say).
 */
public record AuditSubject(
    String requestId, String caller, AuditMark mark, Map<String, String> details) {
  public AuditSubject {
    details = details == null ? Map.of() : details;
  }

  public AuditSubject(String requestId, String caller, AuditMark mark) {
    this(requestId, caller, mark, Map.of());
  }
}
