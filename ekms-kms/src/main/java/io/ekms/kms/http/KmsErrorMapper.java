package io.ekms.kms.http;

import io.ekms.common.json.JsonInputException;
import io.ekms.core.error.ApiException;
import io.ekms.core.http.Bodies.UnusableBodyException;
import io.ekms.core.http.CallAudit;
import io.ekms.core.http.ErrorTable;
import io.ekms.kms.external.EkmException;
import io.ekms.kms.external.EkmRefused;
import io.ekms.kms.service.Caller;
import io.ekms.kms.service.KmsAudit;
import io.ekms.kms.service.KmsError;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * The one place where failures become KMS API answers (docs/protocols/kms-api.md, Errors). EKM
 * failures are answered as {@link KmsError#forExternal} says (the audit records the same code),
 * with their category only ("the EKM is unreachable", "key disabled in the EKM"), while the EKM
 * client's full sentence is only logged, with the request id; internal failures are logged with
 * their cause and answered with a fixed sentence naming the request id.
 */
final class KmsErrorMapper {
  private static final Logger LOG = System.getLogger(KmsErrorMapper.class.getName());

  private KmsErrorMapper() {}

  /** The KMS API's table, for the {@link io.ekms.core.http.Exchange}. */
  static final ErrorTable TABLE =
      new ErrorTable() {
        @Override
        public ApiException answer(Throwable failure, String requestId) {
          return translate(failure, requestId);
        }

        @Override
        public void log(Throwable failure, ApiException answer, String requestId) {
          KmsErrorMapper.log(failure, answer, requestId);
        }
      };

  /**
   * Records a request that failed after its signature was checked but before a service recorded it,
   * naming what its path names (the audit clips it).
   */
  static CallAudit<Caller> audit(KmsAudit audit) {
    return (caller, operation, request, code) ->
        audit.recordIfPending(
            caller,
            operation,
            new KmsAudit.Target(
                request.path("vaultId"), request.path("keyId"), request.path("versionId")),
            code);
  }

  /** The answer for {@code t}, logging what the caller is not told. */
  static ApiException map(Throwable t, String requestId) {
    ApiException answer = translate(t, requestId);
    log(t, answer, requestId);
    return answer;
  }

  private static void log(Throwable t, ApiException answer, String requestId) {
    if (answer.status() >= 500) {
      Throwable cause = answer == t ? answer.getCause() : t;
      LOG.log(Level.ERROR, "request " + requestId + ": " + answer.getMessage(), cause);
    } else if (t instanceof EkmException e) {
      // The full sentence names what the caller is not told (never a secret).
      Level level =
          e instanceof EkmRefused.Unusable || e instanceof EkmRefused.DecryptionFailed
              ? Level.DEBUG
              : Level.WARNING;
      LOG.log(level, "request " + requestId + ": external key manager: " + e.getMessage());
    }
  }

  /** The error code the caller is answered for {@code t}; nothing is logged. */
  static String code(Throwable t) {
    return translate(t, "").errorCode().code();
  }

  private static ApiException translate(Throwable t, String requestId) {
    return switch (t) {
      case ApiException e -> e;
      case JsonInputException e -> KmsError.INVALID_PARAMETER.error(e.getMessage());
      case UnusableBodyException e -> KmsError.INVALID_PARAMETER.error(e.getMessage());
      case EkmException e -> {
        ApiException answer = KmsError.forExternal(e).error(e.publicMessage());
        long retryAfter = KmsError.retryAfter(e);
        yield retryAfter > 0 ? answer.retryAfter(retryAfter) : answer;
      }
      default ->
          KmsError.INTERNAL_SERVER_ERROR.error(
              "Internal error; see the KMS log for request " + requestId + ".");
    };
  }
}
