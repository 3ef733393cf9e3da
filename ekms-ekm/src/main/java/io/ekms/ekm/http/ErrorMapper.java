package io.ekms.ekm.http;

import io.ekms.common.json.JsonInputException;
import io.ekms.core.error.ApiException;
import io.ekms.core.http.Bodies.UnusableBodyException;
import io.ekms.core.http.ErrorTable;
import io.ekms.ekm.auth.TokenRejectedException;
import io.ekms.ekm.backend.BackendUnavailableException;
import io.ekms.ekm.service.EkmError;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * The one place where failures of the EKM's APIs become error answers. Caller mistakes keep their
 * message; anything internal is logged with its cause and answered with a fixed sentence.
 */
final class ErrorMapper {
  private static final Logger LOG = System.getLogger(ErrorMapper.class.getName());

  private ErrorMapper() {}

  /** The EKM APIs' table, for the {@link io.ekms.core.http.Exchange}. */
  static final ErrorTable TABLE =
      (failure, requestId) ->
          translate(
              failure instanceof RuntimeException r ? r : new IllegalStateException(failure),
              requestId);

  /** The answer for {@code t}, logging the cause of a server-side failure. */
  static ApiException map(RuntimeException t, String requestId) {
    ApiException answer = translate(t, requestId);
    if (answer.status() >= 500) {
      Throwable cause = answer == t ? answer.getCause() : t;
      LOG.log(Level.ERROR, "request " + requestId + ": " + answer.getMessage(), cause);
    }
    return answer;
  }

  /** The error code the caller is answered for {@code t}; nothing is logged. */
  static String code(RuntimeException t) {
    return translate(t, "").errorCode().code();
  }

  private static ApiException translate(RuntimeException t, String requestId) {
    return switch (t) {
      case ApiException e -> e;
      case JsonInputException e -> EkmError.INVALID_REQUEST.error(e.getMessage());
      case UnusableBodyException e -> EkmError.INVALID_REQUEST.error(e.getMessage());
      case TokenRejectedException e -> EkmError.INVALID_TOKEN.error(e.getMessage());
      case BackendUnavailableException e ->
          EkmError.BACKEND_UNAVAILABLE.error("The key backend is unavailable; retry later.");
      default ->
          EkmError.INTERNAL_ERROR.error(
              "Internal error; see the EKM log for request " + requestId + ".");
    };
  }
}
