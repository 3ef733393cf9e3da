package io.ekms.ekm.domain.gcp;

import io.ekms.core.error.ApiException;
import io.ekms.core.error.ErrorCode;

/**
 * Every error the Cloud EKM API answers (docs/google-ekm.md, Errors): the gRPC status name as its
 * code, the gRPC status number for the {@code google.rpc.Status} body, and the matching HTTP
 * status. {@link #REASON_DENIED} is PERMISSION_DENIED caused by the access reason: its answer
 * carries a field violation on {@code additionalContext.accessReasonContext.reason}.
 */
public enum GcpError implements ErrorCode {
  INVALID_ARGUMENT("INVALID_ARGUMENT", 3, 400),
  UNAUTHENTICATED("UNAUTHENTICATED", 16, 401),
  PERMISSION_DENIED("PERMISSION_DENIED", 7, 403),
  REASON_DENIED("PERMISSION_DENIED", 7, 403),
  NOT_FOUND("NOT_FOUND", 5, 404),
  RESOURCE_EXHAUSTED("RESOURCE_EXHAUSTED", 8, 429),
  INTERNAL("INTERNAL", 13, 500),
  UNAVAILABLE("UNAVAILABLE", 14, 503);

  private final String name;
  private final int grpcCode;
  private final int status;

  GcpError(String name, int grpcCode, int status) {
    this.name = name;
    this.grpcCode = grpcCode;
    this.status = status;
  }

  @Override
  public String code() {
    return name;
  }

  @Override
  public int status() {
    return status;
  }

  /** The {@code google.rpc.Code} number. */
  public int grpcCode() {
    return grpcCode;
  }

  public ApiException error(String message) {
    return new ApiException(this, message);
  }
}
