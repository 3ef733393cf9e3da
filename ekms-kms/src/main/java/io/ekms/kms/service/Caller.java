package io.ekms.kms.service;

import java.util.Map;
import java.util.Objects;

/**
 * An authenticated request: who ({@code principalId}, a user OCID), the {@code opc-request-id}, and
 * the caller's {@code loggingContext} (recorded in the audit only).
 */
public record Caller(String principalId, String requestId, Map<String, String> loggingContext) {
  public Caller {
    Objects.requireNonNull(principalId);
    Objects.requireNonNull(requestId);
    loggingContext = loggingContext == null ? Map.of() : Map.copyOf(loggingContext);
  }

  public Caller withLoggingContext(Map<String, String> context) {
    return new Caller(principalId, requestId, context);
  }
}
