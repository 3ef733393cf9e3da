package io.ekms.ekm.service;

import io.ekms.core.error.ApiException;
import io.ekms.core.error.ErrorCode;

/**
 * Every error the EKM answers, with its stable code and HTTP status (docs/protocols/ekm-api.md,
 * Errors).
 */
public enum EkmError implements ErrorCode {
  INVALID_REQUEST("InvalidRequest", 400),
  DECRYPTION_FAILED("DecryptionFailed", 400),
  INVALID_TOKEN("InvalidToken", 401),
  ADMIN_UNAUTHORIZED("AdminUnauthorized", 401),
  ADMIN_ROLE_REQUIRED("AdminRoleRequired", 403),
  CLIENT_NOT_AUTHORIZED("ClientNotAuthorized", 403),
  OPERATION_NOT_PERMITTED("OperationNotPermitted", 403),
  VAULT_BLOCKED("VaultBlocked", 403),
  KEY_DISABLED("KeyDisabled", 403),
  KEY_VERSION_DISABLED("KeyVersionDisabled", 403),
  /** Refused by a key-access policy (docs/policies.md). */
  POLICY_DENIED("PolicyDenied", 403),
  /** Refused by a key-access policy whose condition reads the access reason (Google). */
  POLICY_DENIED_ON_REASON("PolicyDenied", 403),
  /** The key's {@code kmsRotation} setting refuses rotations asked for by a KMS. */
  ROTATION_DENIED("RotationDenied", 403),
  NOT_FOUND("NotFound", 404),
  METHOD_NOT_ALLOWED("MethodNotAllowed", 405),
  CONFLICT("Conflict", 409),
  QUORUM_REQUIRED("QuorumRequired", 409),
  /** The key's rotations need a quorum of admins, and this EKM has no quorum to ask. */
  QUORUM_UNAVAILABLE("QuorumUnavailable", 409),
  TOO_MANY_REQUESTS("TooManyRequests", 429),
  INTERNAL_ERROR("InternalError", 500),
  BACKEND_UNAVAILABLE("BackendUnavailable", 503),
  AUDIT_UNAVAILABLE("AuditUnavailable", 503);

  private final String code;
  private final int status;

  EkmError(String code, int status) {
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
