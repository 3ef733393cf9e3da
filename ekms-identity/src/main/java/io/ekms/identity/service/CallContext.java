package io.ekms.identity.service;

import io.ekms.core.audit.AuditMark;
import io.ekms.core.audit.AuditSubject;
import java.util.Objects;

/**
 * Who is calling and under which request id ({@code opc-request-id}); {@code mark} notes whether
 * the request's audit record was written (see {@link AuditMark}).
 */
public record CallContext(String requestId, String caller, AuditMark mark) {
  public static final String UNAUTHENTICATED = "unauthenticated";

  public CallContext {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(mark, "mark");
  }

  /** A context with a fresh mark. */
  public CallContext(String requestId, String caller) {
    this(requestId, caller, new AuditMark());
  }

  /** The request as its audit record names it. */
  public AuditSubject subject() {
    return new AuditSubject(requestId, caller, mark);
  }

  public static CallContext admin(String requestId) {
    return new CallContext(requestId, "admin");
  }

  public static CallContext client(String requestId, String clientId) {
    return new CallContext(requestId, "client:" + clientId);
  }
}
