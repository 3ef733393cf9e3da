package io.ekms.core.admin;

/**
 * How one server answers the refusals of its administrators' directory, in its own error codes: a
 * missing or unknown token, a role the caller lacks, a malformed request, an unknown administrator,
 * a conflict with the current state.
 */
public interface AdminErrors {
  RuntimeException unauthenticated(String message);

  RuntimeException forbidden(String message);

  RuntimeException invalid(String message);

  RuntimeException notFound(String message);

  RuntimeException conflict(String message);

  /** The audit log cannot record the call, so it is refused. */
  RuntimeException auditUnavailable();

  /** Plain exceptions, for use outside an API (init). */
  static AdminErrors plain() {
    return new AdminErrors() {
      @Override
      public RuntimeException unauthenticated(String message) {
        return new IllegalStateException(message);
      }

      @Override
      public RuntimeException forbidden(String message) {
        return new IllegalStateException(message);
      }

      @Override
      public RuntimeException invalid(String message) {
        return new IllegalArgumentException(message);
      }

      @Override
      public RuntimeException notFound(String message) {
        return new IllegalArgumentException(message);
      }

      @Override
      public RuntimeException conflict(String message) {
        return new IllegalStateException(message);
      }

      @Override
      public RuntimeException auditUnavailable() {
        return new IllegalStateException("the audit log is unavailable");
      }
    };
  }
}
