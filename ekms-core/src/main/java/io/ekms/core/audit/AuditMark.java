package io.ekms.core.audit;

import java.util.HashMap;
import java.util.Map;

/**
 * Whether the audit record of one request has been written. The request's exchange and the
 * service's audit trail share it: the trail marks it when it records the operation, and the
 * exchange, when a request fails after its caller authenticated, records the failure itself only if
 * nothing was recorded yet. So every authenticated request gets exactly one record, including those
 * refused for a malformed body before any service ran. A service may also note details of its
 * decision while it runs (the EKM's key-access policy decision, say); the record of the request
 * carries them, whatever its outcome.
 */
public final class AuditMark {
  private volatile boolean recorded;
  private volatile Map<String, String> notes = Map.of();

  /** Adds {@code more} to the details the request's record will carry. */
  public synchronized void note(Map<String, String> more) {
    if (notes.isEmpty()) {
      notes = Map.copyOf(more);
      return;
    }
    Map<String, String> all = new HashMap<>(notes);
    all.putAll(more);
    notes = Map.copyOf(all);
  }

  /** The details noted so far (immutable). */
  public Map<String, String> notes() {
    return notes;
  }

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
