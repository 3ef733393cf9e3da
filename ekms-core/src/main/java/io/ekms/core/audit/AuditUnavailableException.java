package io.ekms.core.audit;

/**
 * The audit store did not take a record within the bounded wait, and the policy is {@link
 * AuditPolicy#REFUSE}: the caller must not perform (or must report as failed) the audited
 * operation. The message names no record content; the cause, if any, is for logs only.
 */
public final class AuditUnavailableException extends RuntimeException {
  public AuditUnavailableException(String message) {
    super(message);
  }

  public AuditUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
