package io.ekms.ekm.http.xks;

import io.ekms.common.json.JsonInputException;
import io.ekms.core.error.ApiException;
import io.ekms.core.http.Bodies.BodyTooLargeException;
import io.ekms.core.http.Bodies.UnusableBodyException;
import io.ekms.core.http.ErrorTable;
import io.ekms.core.http.Responses;
import io.ekms.ekm.backend.BackendUnavailableException;
import io.ekms.ekm.domain.xks.XksError;
import io.ekms.ekm.service.XksCrypto;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * The one place where failures of the XKS API become XKS errors. Caller mistakes keep their
 * message; anything internal is logged with its cause and answered with a fixed sentence.
 */
final class XksErrors {
  private static final Logger LOG = System.getLogger(XksErrors.class.getName());
  private static final int MAX_MESSAGE = 511;

  private XksErrors() {}

  /** The XKS API's table: its error shape, printable messages, and Allow on a 405. */
  static final ErrorTable TABLE =
      new ErrorTable() {
        @Override
        public ApiException answer(Throwable failure, String requestId) {
          return translate(
              failure instanceof RuntimeException r ? r : new IllegalStateException(failure),
              requestId);
        }

        @Override
        public void log(Throwable failure, ApiException answer, String requestId) {
          if (answer.status() >= 500 && answer.status() != 501) {
            Throwable cause = answer == failure ? answer.getCause() : failure;
            LOG.log(Level.ERROR, "XKS request " + requestId + ": " + answer.getMessage(), cause);
          }
        }

        @Override
        public String write(ServerResponse response, ApiException answer) {
          if (answer.errorCode() == XksError.METHOD_NOT_ALLOWED) {
            response.header(HeaderNames.ALLOW, "POST");
          }
          return Responses.error(
              response,
              answer,
              new XksBodies.ErrorResponse(
                  answer.errorCode().code(), printable(answer.getMessage())));
        }
      };

  private static ApiException translate(RuntimeException t, String requestId) {
    return switch (t) {
      case ApiException e -> XksCrypto.translate(e);
      case JsonInputException e -> XksError.VALIDATION.error(e.getMessage());
      case BodyTooLargeException e ->
          XksError.UNSUPPORTED_OPERATION.error("The request body is larger than this proxy takes.");
      case UnusableBodyException e -> XksError.VALIDATION.error(e.getMessage());
      case BackendUnavailableException e ->
          XksError.DEPENDENCY_TIMEOUT.error("The key backend is unavailable; retry later.");
      default ->
          XksError.INTERNAL.error("Internal error; see the EKM log for request " + requestId + ".");
    };
  }

  /** Printable ASCII under 512 characters, as the specification requires of errorMessage. */
  static String printable(String message) {
    StringBuilder out = new StringBuilder();
    for (char c : (message == null ? "" : message).toCharArray()) {
      if (out.length() == MAX_MESSAGE) {
        break;
      }
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }
}
