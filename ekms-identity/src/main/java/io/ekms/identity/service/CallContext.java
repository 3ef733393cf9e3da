package io.ekms.identity.service;

import java.util.Objects;

/** Who is calling and under which request id ({@code opc-request-id}). */
public record CallContext(String requestId, String caller) {
  public static final String UNAUTHENTICATED = "unauthenticated";

  public CallContext {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(caller, "caller");
  }

  public static CallContext admin(String requestId) {
    return new CallContext(requestId, "admin");
  }

  public static CallContext client(String requestId, String clientId) {
    return new CallContext(requestId, "client:" + clientId);
  }
}
