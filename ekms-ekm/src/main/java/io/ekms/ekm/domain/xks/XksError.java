package io.ekms.ekm.domain.xks;

import io.ekms.core.error.ApiException;
import io.ekms.core.error.ErrorCode;

/**
 * Every error the XKS proxy API answers: its {@code errorName} and HTTP status
 * (docs/protocols/aws-xks.md).
 */
public enum XksError implements ErrorCode {
  VALIDATION("ValidationException", 400),
  INVALID_STATE("InvalidStateException", 400),
  INVALID_CIPHERTEXT("InvalidCiphertextException", 400),
  INVALID_KEY_USAGE("InvalidKeyUsageException", 400),
  AUTHENTICATION_FAILED("AuthenticationFailedException", 401),
  ACCESS_DENIED("AccessDeniedException", 403),
  KEY_NOT_FOUND("KeyNotFoundException", 404),
  INVALID_URI_PATH("InvalidUriPathException", 404),
  METHOD_NOT_ALLOWED("MethodNotAllowedException", 405),
  THROTTLING("ThrottlingException", 429),
  INTERNAL("InternalException", 500),
  UNSUPPORTED_OPERATION("UnsupportedOperationException", 501),
  DEPENDENCY_TIMEOUT("DependencyTimeoutException", 503);

  private final String errorName;
  private final int status;

  XksError(String errorName, int status) {
    this.errorName = errorName;
    this.status = status;
  }

  @Override
  public String code() {
    return errorName;
  }

  @Override
  public int status() {
    return status;
  }

  public ApiException error(String message) {
    return new ApiException(this, message);
  }
}
