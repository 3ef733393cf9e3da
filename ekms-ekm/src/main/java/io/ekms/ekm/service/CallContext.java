package io.ekms.ekm.service;

import java.util.Objects;

/**
 * Who is calling and under which request id. For EKM API calls {@code clientId} and {@code issuer}
 * come from a verified token; for admin calls the caller is the admin credential.
 */
public record CallContext(String requestId, String caller, String clientId, String issuer) {
  public CallContext {
    Objects.requireNonNull(requestId);
    Objects.requireNonNull(caller);
  }

  public static CallContext admin(String requestId) {
    return new CallContext(requestId, "admin", null, null);
  }

  public static CallContext client(String requestId, String clientId, String issuer) {
    return new CallContext(requestId, "client:" + clientId, clientId, issuer);
  }
}
