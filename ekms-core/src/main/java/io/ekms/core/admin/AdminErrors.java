package io.ekms.core.admin;

import io.ekms.core.error.ApiException;
import io.ekms.core.error.ErrorCode;
import java.util.Objects;

/**
 * How one server answers the refusals of its administrators' directory and quorum, in its own error
 * codes: a missing or unknown token, a role the caller lacks, a malformed request, an unknown
 * administrator or request, a conflict with the current state, an audit log that cannot record.
 */
public record AdminErrors(
    ErrorCode unauthenticatedCode,
    ErrorCode forbiddenCode,
    ErrorCode invalidCode,
    ErrorCode notFoundCode,
    ErrorCode conflictCode,
    ErrorCode auditUnavailableCode) {
  private static final ErrorCode PLAIN =
      new ErrorCode() {
        @Override
        public String code() {
          return "AdminRefused";
        }

        @Override
        public int status() {
          return 400;
        }
      };

  public AdminErrors {
    Objects.requireNonNull(unauthenticatedCode);
    Objects.requireNonNull(forbiddenCode);
    Objects.requireNonNull(invalidCode);
    Objects.requireNonNull(notFoundCode);
    Objects.requireNonNull(conflictCode);
    Objects.requireNonNull(auditUnavailableCode);
  }

  public RuntimeException unauthenticated(String message) {
    return new ApiException(unauthenticatedCode, message);
  }

  public RuntimeException forbidden(String message) {
    return new ApiException(forbiddenCode, message);
  }

  public RuntimeException invalid(String message) {
    return new ApiException(invalidCode, message);
  }

  public RuntimeException notFound(String message) {
    return new ApiException(notFoundCode, message);
  }

  public RuntimeException conflict(String message) {
    return new ApiException(conflictCode, message);
  }

  /** The audit log cannot record the call, so it is refused. */
  public RuntimeException auditUnavailable() {
    return new ApiException(
        auditUnavailableCode, "The audit log cannot record this request; it was refused.");
  }

  /** One code for every refusal, for use outside an API (init). */
  static AdminErrors plain() {
    return new AdminErrors(PLAIN, PLAIN, PLAIN, PLAIN, PLAIN, PLAIN);
  }
}
