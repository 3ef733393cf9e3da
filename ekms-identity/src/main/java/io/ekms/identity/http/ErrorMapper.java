package io.ekms.identity.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ekms.common.json.JsonInputException;
import io.ekms.common.secret.Redacted;
import io.ekms.core.audit.AuditUnavailableException;
import io.ekms.core.error.ApiException;
import io.ekms.core.http.Bodies.UnusableBodyException;
import io.ekms.core.http.ErrorTable;
import io.ekms.core.http.Responses;
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

  /** The OAuth endpoints' table: RFC 6749 error bodies. */
  static final ErrorTable OAUTH =
      new ErrorTable() {
        @Override
        public ApiException answer(Throwable failure, String requestId) {
          return oauthAnswer(failure, requestId);
        }

        @Override
        public void log(Throwable failure, ApiException answer, String requestId) {
          logged(answer, failure, requestId);
        }

        @Override
        public String write(ServerResponse response, ApiException answer) {
          return writeOAuth(response, answer);
        }
      };

  /** The admin API's table. */
  static final ErrorTable ADMIN =
      new ErrorTable() {
        @Override
        public ApiException answer(Throwable failure, String requestId) {
          return adminAnswer(failure, requestId);
        }

        @Override
        public void log(Throwable failure, ApiException answer, String requestId) {
          logged(answer, failure, requestId);
        }
      };

  private static ApiException oauthAnswer(Throwable t, String requestId) {
    return switch (t) {
      case ApiException e -> e;
      case UnusableBodyException e -> OAuthError.INVALID_REQUEST.error(e.getMessage());
      case AuditUnavailableException e ->
          OAuthError.TEMPORARILY_UNAVAILABLE.error(
              "The audit log cannot record this request; it was refused.");
      default ->
          OAuthError.SERVER_ERROR.error("Internal error; see the log for " + requestId + ".");
    };
  }

  private static ApiException adminAnswer(Throwable t, String requestId) {
    return switch (t) {
      case ApiException e -> e;
      case JsonInputException e -> AdminError.INVALID_REQUEST.error(e.getMessage());
      case UnusableBodyException e -> AdminError.INVALID_REQUEST.error(e.getMessage());
      case AuditUnavailableException e ->
          AdminError.AUDIT_UNAVAILABLE.error(
              "The audit log cannot record this request; it was refused.");
      default ->
          AdminError.INTERNAL_ERROR.error(
              "Internal error; see the identity server log for request " + requestId + ".");
    };
  }

  /** Logs the cause of a server-side answer (an audit refusal is reported by the log itself). */
  private static ApiException logged(ApiException answer, Throwable t, String requestId) {
    if (answer.status() >= 500 && !(t instanceof AuditUnavailableException)) {
      Throwable cause = answer == t ? answer.getCause() : t;
      LOG.log(Level.ERROR, "request " + requestId + ": " + answer.getMessage(), cause);
    }
    return answer;
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
}
