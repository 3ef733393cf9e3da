package io.ekms.kms.auth;

import io.ekms.core.error.ApiException;
import io.ekms.core.error.ErrorCode;
import io.ekms.kms.service.KmsError;

/** The errors of caller authentication, authorization and principal administration (OCI codes). */
public enum AuthError implements ErrorCode {
  INVALID_PARAMETER("InvalidParameter", 400),
  NOT_AUTHENTICATED("NotAuthenticated", 401),
  NOT_AUTHORIZED_OR_NOT_FOUND("NotAuthorizedOrNotFound", 404),
  CONFLICT("Conflict", 409);

  /**
   * The one message of {@link #NOT_AUTHORIZED_OR_NOT_FOUND}, OCI's own and the KMS API's ({@link
   * KmsError#NOT_AUTHORIZED_OR_NOT_FOUND_MESSAGE}): a caller cannot tell a missing grant from a
   * missing resource, so existence stays hidden.
   */
  public static final String NOT_AUTHORIZED_OR_NOT_FOUND_MESSAGE =
      KmsError.NOT_AUTHORIZED_OR_NOT_FOUND_MESSAGE;

  private final String code;
  private final int status;

  AuthError(String code, int status) {
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
   * The 404 a caller gets both when it lacks the permission and when the resource does not exist;
   * services answering "not found" should use this too, so the two stay indistinguishable.
   */
  public static ApiException notAuthorizedOrNotFound() {
    return NOT_AUTHORIZED_OR_NOT_FOUND.error(NOT_AUTHORIZED_OR_NOT_FOUND_MESSAGE);
  }
}
