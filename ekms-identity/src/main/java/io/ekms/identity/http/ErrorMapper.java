package io.ekms.identity.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ekms.core.audit.AuditUnavailableException;
import io.ekms.core.error.ApiException;
import io.ekms.core.http.Bodies.UnusableBodyException;
import io.ekms.core.http.Responses;
import io.ekms.core.json.JsonInputException;
import io.ekms.core.secret.Redacted;
import io.ekms.identity.service.AdminError;
import io.ekms.identity.service.OAuthError;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * The one place where failures of the identity APIs become error answers, one mapping per API.
 * Caller mistakes keep their message; anything internal is logged with its cause and answered with
 * a fixed sentence. No message carries a secret: none is ever put in one.
 */
final class ErrorMapper {
  private static final Logger LOG = System.getLogger(ErrorMapper.class.getName());

  /** RFC 6749 section 5.2 error body. */
  record OAuthErrorBody(String error, @JsonProperty("error_description") String description) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  private ErrorMapper() {}

  static ApiException oauth(Throwable t, String requestId) {
    return switch (t) {
      case ApiException e -> logIfServerSide(e, requestId);
      case UnusableBodyException e -> OAuthError.INVALID_REQUEST.error(e.getMessage());
      case AuditUnavailableException e ->
          OAuthError.TEMPORARILY_UNAVAILABLE.error(
              "The audit log cannot record this request; it was refused.");
      default -> {
        LOG.log(Level.ERROR, "request " + requestId + ": internal error", t);
        yield OAuthError.SERVER_ERROR.error("Internal error; see the log for " + requestId + ".");
      }
    };
  }

  static ApiException admin(Throwable t, String requestId) {
    return switch (t) {
      case ApiException e -> logIfServerSide(e, requestId);
      case JsonInputException e -> AdminError.INVALID_REQUEST.error(e.getMessage());
      case UnusableBodyException e -> AdminError.INVALID_REQUEST.error(e.getMessage());
      case AuditUnavailableException e ->
          AdminError.AUDIT_UNAVAILABLE.error(
              "The audit log cannot record this request; it was refused.");
      default -> {
        LOG.log(Level.ERROR, "request " + requestId + ": internal error", t);
        yield AdminError.INTERNAL_ERROR.error(
            "Internal error; see the identity server log for request " + requestId + ".");
      }
    };
  }

  /** Writes an OAuth error; {@code invalid_client} gets its {@code WWW-Authenticate}. */
  static String writeOAuth(ServerResponse res, ApiException error) {
    if (error.errorCode() == OAuthError.INVALID_CLIENT) {
      res.header(HeaderNames.WWW_AUTHENTICATE, "Basic realm=\"ekms-identity\"");
    }
    Responses.json(
        res, error.status(), new OAuthErrorBody(error.errorCode().code(), error.getMessage()));
    return error.errorCode().code();
  }

  static String writeAdmin(ServerResponse res, ApiException error) {
    return Responses.error(res, error);
  }

  private static ApiException logIfServerSide(ApiException e, String requestId) {
    if (e.status() >= 500) {
      LOG.log(Level.ERROR, "request " + requestId + ": " + e.getMessage(), e.getCause());
    }
    return e;
  }
}
