package io.ekms.ekm.http.gcp;

import io.ekms.common.json.JsonInputException;
import io.ekms.core.error.ApiException;
import io.ekms.core.http.Bodies.BodyTooLargeException;
import io.ekms.core.http.Bodies.UnusableBodyException;
import io.ekms.core.http.ErrorTable;
import io.ekms.core.http.Responses;
import io.ekms.ekm.auth.TokenRejectedException;
import io.ekms.ekm.backend.BackendUnavailableException;
import io.ekms.ekm.domain.gcp.GcpError;
import io.ekms.ekm.service.GcpCrypto;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * The one place where failures of the Cloud EKM API become {@code google.rpc.Status} answers.
 * Caller mistakes keep their message; anything internal is logged with its cause and answered with
 * a fixed sentence. Nothing transient is ever PERMISSION_DENIED: Cloud KMS disables a key version
 * on that answer.
 */
final class GcpErrors {
  static final String REASON_FIELD = "additionalContext.accessReasonContext.reason";
  private static final Logger LOG = System.getLogger(GcpErrors.class.getName());

  private GcpErrors() {}

  /** A {@code google.rpc.Status}. */
  record Status(int code, String message, List<Object> details) {}

  /** A {@code google.rpc.BadRequest} detail with its field violations. */
  record BadRequest(
      @com.fasterxml.jackson.annotation.JsonProperty("@type") String type,
      List<FieldViolation> fieldViolations) {}

  /** One {@code google.rpc.BadRequest.FieldViolation}. */
  record FieldViolation(String field, String description) {}

  static final ErrorTable TABLE =
      new ErrorTable() {
        @Override
        public ApiException answer(Throwable failure, String requestId) {
          return translate(failure, requestId);
        }

        @Override
        public void log(Throwable failure, ApiException answer, String requestId) {
          if (answer.status() >= 500) {
            Throwable cause = answer == failure ? answer.getCause() : failure;
            LOG.log(
                Level.ERROR, "Cloud EKM request " + requestId + ": " + answer.getMessage(), cause);
          }
        }

        @Override
        public String write(ServerResponse response, ApiException answer) {
          GcpError code = (GcpError) answer.errorCode();
          List<Object> details =
              code == GcpError.REASON_DENIED
                  ? List.of(
                      new BadRequest(
                          "type.googleapis.com/google.rpc.BadRequest",
                          List.of(new FieldViolation(REASON_FIELD, answer.getMessage()))))
                  : List.of();
          return Responses.error(
              response, answer, new Status(code.grpcCode(), answer.getMessage(), details));
        }
      };

  private static ApiException translate(Throwable t, String requestId) {
    return switch (t) {
      case ApiException e when e.errorCode() instanceof GcpError -> e;
      case ApiException e -> {
        ApiException g = GcpCrypto.translate(e);
        yield g.errorCode() instanceof GcpError ? g : internal(requestId);
      }
      case TokenRejectedException e
          when e.reason() == TokenRejectedException.Reason.ISSUER_UNAVAILABLE ->
          GcpError.UNAVAILABLE.error("The ID token's issuer cannot be reached; retry later.");
      case TokenRejectedException e -> GcpError.UNAUTHENTICATED.error(e.getMessage());
      case JsonInputException e -> GcpError.INVALID_ARGUMENT.error(e.getMessage());
      case BodyTooLargeException e ->
          GcpError.INVALID_ARGUMENT.error("The request body is larger than this EKM takes.");
      case UnusableBodyException e -> GcpError.INVALID_ARGUMENT.error(e.getMessage());
      case BackendUnavailableException e ->
          GcpError.UNAVAILABLE.error("The key backend is unavailable; retry later.");
      default -> internal(requestId);
    };
  }

  private static ApiException internal(String requestId) {
    return GcpError.INTERNAL.error(
        "Internal error; see the EKM log for request " + requestId + ".");
  }
}
