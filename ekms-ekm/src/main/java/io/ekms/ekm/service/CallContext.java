package io.ekms.ekm.service;

import io.ekms.core.audit.AuditMark;
import io.ekms.core.audit.AuditSubject;
import java.util.Map;
import java.util.Objects;

/**
 * Who is calling and under which request id. For EKM API calls {@code clientId} and {@code issuer}
 * come from a verified token; for admin calls the caller is the admin credential. {@code mark}
 * notes whether the request's audit record was written (see {@link AuditMark}); {@code details} are
 * recorded with every outcome of the request (a Google call's access reason, say).
 */
public record CallContext(
    String requestId,
    String caller,
    String clientId,
    String issuer,
    AuditMark mark,
    Map<String, String> details,
    PolicyCaller policy) {
  public CallContext {
    Objects.requireNonNull(requestId);
    Objects.requireNonNull(caller);
    Objects.requireNonNull(mark);
    details = details == null ? Map.of() : Map.copyOf(details);
  }

  public CallContext(
      String requestId,
      String caller,
      String clientId,
      String issuer,
      AuditMark mark,
      Map<String, String> details) {
    this(requestId, caller, clientId, issuer, mark, details, null);
  }

  public CallContext(
      String requestId, String caller, String clientId, String issuer, AuditMark mark) {
    this(requestId, caller, clientId, issuer, mark, Map.of());
  }

  /** A context with a fresh mark. */
  public CallContext(String requestId, String caller, String clientId, String issuer) {
    this(requestId, caller, clientId, issuer, new AuditMark());
  }

  /** An admin API call of the administrator named {@code caller} in audit records. */
  public static CallContext admin(String requestId, String caller) {
    return new CallContext(requestId, caller, null, null);
  }

  public static CallContext client(String requestId, String clientId, String issuer) {
    return new CallContext(requestId, "client:" + clientId, clientId, issuer);
  }

  /** The request as its audit record names it. */
  public AuditSubject subject() {
    return new AuditSubject(requestId, caller, mark, details);
  }

  /** The same caller under another request id, sharing this context's mark. */
  public CallContext withRequestId(String id) {
    return new CallContext(id, caller, clientId, issuer, mark, details, policy);
  }

  /** The same request as the key-access policies see its caller. */
  public CallContext withPolicy(PolicyCaller who) {
    return new CallContext(requestId, caller, clientId, issuer, mark, details, who);
  }

  /** The same request with {@code more} details recorded with its outcome. */
  public CallContext withDetails(Map<String, String> more) {
    Map<String, String> all = new java.util.HashMap<>(details);
    all.putAll(more);
    return new CallContext(requestId, caller, clientId, issuer, mark, all, policy);
  }
}
