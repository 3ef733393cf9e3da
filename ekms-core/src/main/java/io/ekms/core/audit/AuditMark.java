package io.ekms.core.audit;

/**
 * Whether the audit record of one request has been written. The request's exchange and the
 * service's audit trail share it: the trail marks it when it records the operation, and the
 * exchange, when a request fails after its caller authenticated, records the failure itself only if
 * nothing was recorded yet. So every authenticated request gets exactly one record, including those
 * refused for a malformed body before any service ran.
 */
public final class AuditMark {
  private volatile boolean recorded;

  /** Notes that the request's record was appended (or its append was attempted). */
  public void markRecorded() {
    recorded = true;
  }

  public boolean isRecorded() {
    return recorded;
  }

  @Override
  public String toString() {
    return "AuditMark[" + (recorded ? "recorded" : "pending") + "]";
  }
}
