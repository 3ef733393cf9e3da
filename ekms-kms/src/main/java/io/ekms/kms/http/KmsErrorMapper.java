package io.ekms.kms.http;

import io.ekms.core.error.ApiException;
import io.ekms.core.http.Bodies.UnusableBodyException;
import io.ekms.core.json.JsonInputException;
import io.ekms.kms.external.ExternalKeyManagerException;
import io.ekms.kms.service.KmsError;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * The one place where failures become KMS API answers (kms-api.md, Errors). EKM failures keep their
 * explanation ("the EKM is unreachable", "key disabled in the EKM"); internal failures are logged
 * with their cause and answered with a fixed sentence naming the request id.
 */
final class KmsErrorMapper {
  private static final Logger LOG = System.getLogger(KmsErrorMapper.class.getName());

  private KmsErrorMapper() {}

  static ApiException map(Throwable t, String requestId) {
    return switch (t) {
      case ApiException e -> logIfServerSide(e, requestId);
      case JsonInputException e -> KmsError.INVALID_PARAMETER.error(e.getMessage());
      case UnusableBodyException e -> KmsError.INVALID_PARAMETER.error(e.getMessage());
      case ExternalKeyManagerException e -> external(e, requestId);
      default -> {
        LOG.log(Level.ERROR, "request " + requestId + ": internal error", t);
        yield KmsError.INTERNAL_SERVER_ERROR.error(
            "Internal error; see the KMS log for request " + requestId + ".");
      }
    };
  }

  private static ApiException external(ExternalKeyManagerException e, String requestId) {
    return switch (e.kind()) {
      case INCORRECT_STATE -> KmsError.INCORRECT_STATE.error(e.getMessage());
      case DECRYPTION_FAILED -> KmsError.INVALID_PARAMETER.error(e.getMessage());
      case NOT_FOUND, UNAVAILABLE -> {
        LOG.log(
            Level.WARNING, "request " + requestId + ": external key manager: " + e.getMessage());
        yield KmsError.EXTERNAL_SERVER_INCORRECT_STATE.error(e.getMessage());
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
