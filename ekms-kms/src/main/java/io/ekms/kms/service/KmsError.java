package io.ekms.kms.service;

import io.ekms.core.error.ApiException;
import io.ekms.core.error.ErrorCode;

/**
 * Every error the KMS API answers, with OCI's codes and statuses (docs/protocols/kms-api.md,
 * Errors).
 */
public enum KmsError implements ErrorCode {
  INVALID_PARAMETER("InvalidParameter", 400),
  MISSING_PARAMETER("MissingParameter", 400),
  NOT_AUTHENTICATED("NotAuthenticated", 401),
  NOT_AUTHORIZED_OR_NOT_FOUND("NotAuthorizedOrNotFound", 404),
  METHOD_NOT_ALLOWED("MethodNotAllowed", 405),
  INCORRECT_STATE("IncorrectState", 409),
  EXTERNAL_SERVER_INCORRECT_STATE("ExternalServerIncorrectState", 409),
  RETRY_TOKEN_REUSED("RetryTokenReused", 409),
  NO_ETAG_MATCH("NoEtagMatch", 412),
  TOO_MANY_REQUESTS("TooManyRequests", 429),
  INTERNAL_SERVER_ERROR("InternalServerError", 500),
  AUDIT_UNAVAILABLE("AuditUnavailable", 503);

  private final String code;
  private final int status;

  KmsError(String code, int status) {
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

  /**
   * The one message of {@link #NOT_AUTHORIZED_OR_NOT_FOUND}, OCI's own. It names no resource: an
   * absent resource and a refused caller get the very same answer.
   */
  public static final String NOT_AUTHORIZED_OR_NOT_FOUND_MESSAGE =
      "Authorization failed or requested resource not found.";

  /**
   * The 404 OCI answers both for "absent" and for "not allowed", so callers learn nothing: every
   * missing resource and every failed authorization in the KMS API is this answer.
   */
  public static ApiException notFound() {
    return NOT_AUTHORIZED_OR_NOT_FOUND.error(NOT_AUTHORIZED_OR_NOT_FOUND_MESSAGE);
  }
}
