package io.ekms.identity.service;

import io.ekms.core.error.ApiException;
import io.ekms.core.error.ErrorCode;

/** Every error the identity admin API answers, with its stable code and HTTP status. */
public enum AdminError implements ErrorCode {
  INVALID_REQUEST("InvalidRequest", 400),
  ADMIN_UNAUTHORIZED("AdminUnauthorized", 401),
  NOT_FOUND("NotFound", 404),
  CONFLICT("Conflict", 409),
  INTERNAL_ERROR("InternalError", 500),
  AUDIT_UNAVAILABLE("AuditUnavailable", 503);

  private final String code;
  private final int status;

  AdminError(String code, int status) {
    this.code = code;
    this.status = status;
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public int status() {
    return status;
  }

  public ApiException error(String message) {
    return new ApiException(this, message);
  }
}
