package io.ekms.kms.service;

import io.ekms.core.error.ApiException;
import io.ekms.core.error.ErrorCode;
import io.ekms.kms.external.EkmException;
import io.ekms.kms.external.EkmRefused;
import io.ekms.kms.external.EkmUnavailable;
import io.ekms.kms.external.IdentityFailure;

/**
 * Every error the KMS API answers, with OCI's codes and statuses (docs/protocols/kms-api.md,
 * Errors).
 */
public enum KmsError implements ErrorCode {
  INVALID_PARAMETER("InvalidParameter", 400),
  MISSING_PARAMETER("MissingParameter", 400),
  NOT_AUTHENTICATED("NotAuthenticated", 401),
  ADMIN_ROLE_REQUIRED("AdminRoleRequired", 403),
  NOT_AUTHORIZED_OR_NOT_FOUND("NotAuthorizedOrNotFound", 404),
  METHOD_NOT_ALLOWED("MethodNotAllowed", 405),
  INCORRECT_STATE("IncorrectState", 409),
  CONFLICT("Conflict", 409),
  EXTERNAL_SERVER_INCORRECT_STATE("ExternalServerIncorrectState", 409),
  RETRY_TOKEN_REUSED("RetryTokenReused", 409),
  /** The EKM's policy for the key refuses rotations asked for by the KMS (docs/operations.md). */
  EXTERNAL_ROTATION_DENIED("ExternalRotationDenied", 409),
  /** The EKM would not start the rotation now (e.g. it has no quorum to ask). */
  EXTERNAL_ROTATION_UNAVAILABLE("ExternalRotationUnavailable", 409),
  NO_ETAG_MATCH("NoEtagMatch", 412),
  TOO_MANY_REQUESTS("TooManyRequests", 429),
  INTERNAL_SERVER_ERROR("InternalServerError", 500),
  SERVICE_UNAVAILABLE("ServiceUnavailable", 503),
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

  /**
   * The answer to a failure of the EKM (docs/protocols/kms-api.md, Errors), the one table for the
   * error mapper and the audit: a key, version or vault the EKM will not use is 409 IncorrectState,
   * a ciphertext that does not authenticate 400 InvalidParameter, an EKM that did not answer in
   * time 503 ServiceUnavailable, one that is rate limiting 429 TooManyRequests and one that said
   * 503 ServiceUnavailable (these three are worth retrying later), everything else (unknown to the
   * EKM, unreachable, refused token, no token, bad answer) 409 ExternalServerIncorrectState.
   */
  public static KmsError forExternal(EkmException e) {
    return switch (e) {
      case EkmRefused.Unusable unusable -> INCORRECT_STATE;
      case EkmRefused.DecryptionFailed failed -> INVALID_PARAMETER;
      case EkmRefused.RotationDenied denied -> EXTERNAL_ROTATION_DENIED;
      case EkmRefused refused -> EXTERNAL_SERVER_INCORRECT_STATE;
      case EkmUnavailable.TimedOut late -> SERVICE_UNAVAILABLE;
      case EkmUnavailable.Busy busy ->
          busy.status() == 429 ? TOO_MANY_REQUESTS : SERVICE_UNAVAILABLE;
      case EkmUnavailable unavailable -> EXTERNAL_SERVER_INCORRECT_STATE;
      case IdentityFailure failure -> EXTERNAL_SERVER_INCORRECT_STATE;
    };
  }

  /**
   * The Retry-After, in seconds, of the answer to {@code e}: what a busy EKM asked for (1 when it
   * said nothing), 1 for an EKM that did not answer in time, 0 (none) for everything else.
   */
  public static long retryAfter(EkmException e) {
    return switch (e) {
      case EkmUnavailable.Busy busy -> Math.max(1, busy.retryAfterSeconds());
      case EkmUnavailable.TimedOut late -> 1;
      default -> 0;
    };
  }
}
