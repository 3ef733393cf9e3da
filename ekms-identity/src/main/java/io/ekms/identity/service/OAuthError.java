package io.ekms.identity.service;

import io.ekms.core.error.ApiException;
import io.ekms.core.error.ErrorCode;

/**
 * Every error the OAuth endpoints answer, with its RFC 6749 section 5.2 code and HTTP status. They
 * are sent as {@code {"error": code, "error_description": message}}; {@code invalid_client} also
 * carries {@code WWW-Authenticate: Basic}.
 */
public enum OAuthError implements ErrorCode {
  INVALID_REQUEST("invalid_request", 400),
  /** A method other than POST on the token endpoint: RFC 6749's code, with HTTP's status. */
  METHOD_NOT_ALLOWED("invalid_request", 405),
  INVALID_CLIENT("invalid_client", 401),
  UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", 400),
  INVALID_SCOPE("invalid_scope", 400),
  SERVER_ERROR("server_error", 500),
  TEMPORARILY_UNAVAILABLE("temporarily_unavailable", 503);

  private final String code;
  private final int status;

  OAuthError(String code, int status) {
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
