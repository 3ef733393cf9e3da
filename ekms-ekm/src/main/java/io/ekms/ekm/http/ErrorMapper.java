package io.ekms.ekm.http;

import io.ekms.core.error.ApiException;
import io.ekms.core.http.Bodies.UnusableBodyException;
import io.ekms.core.json.JsonInputException;
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

  static ApiException map(RuntimeException t, String requestId) {
    return switch (t) {
      case ApiException e -> logIfServerSide(e, requestId);
      case JsonInputException e -> EkmError.INVALID_REQUEST.error(e.getMessage());
      case UnusableBodyException e -> EkmError.INVALID_REQUEST.error(e.getMessage());
      case TokenRejectedException e -> EkmError.INVALID_TOKEN.error(e.getMessage());
      case BackendUnavailableException e -> {
        LOG.log(Level.ERROR, "request " + requestId + ": key backend unavailable", e);
        yield EkmError.BACKEND_UNAVAILABLE.error("The key backend is unavailable; retry later.");
      }
      default -> {
        LOG.log(Level.ERROR, "request " + requestId + ": internal error", t);
        yield EkmError.INTERNAL_ERROR.error(
            "Internal error; see the EKM log for request " + requestId + ".");
      }
    };
  }

  private static ApiException logIfServerSide(ApiException e, String requestId) {
    if (e.status() >= 500) {
      LOG.log(Level.ERROR, "request " + requestId + ": " + e.getMessage(), e.getCause());
    }
    return e;
  }
}
