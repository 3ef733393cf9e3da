package io.ekms.core.audit;

/** What {@link AuditLog#append} does when the audit store cannot take a record. */
public enum AuditPolicy {
  /**
   * Fail the append with {@link AuditUnavailableException}, so the caller refuses the operation:
   * nothing happens that the log does not show. The default.
   */
  REFUSE,

  /**
   * Let the append return and count the record as lost; once the store works again the log gets one
   * {@code AUDIT_GAP} record saying how many were lost since when. For deployments that value
   * availability over a complete log.
   */
  CONTINUE
}
