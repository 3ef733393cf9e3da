package io.ekms.core.audit;

import io.ekms.core.crypto.Randoms;
import java.time.Instant;
import java.util.Map;

/**
 * Records dropped under {@link AuditPolicy#CONTINUE}, counted until the writer can put one {@code
 * AUDIT_GAP} record into the chain. Callers (timeouts, full queue) and the writer (failed batches)
 * both add, so access is synchronized; contention only arises while the store is failing.
 */
final class LostRecords {
  static final String GAP_OPERATION = "AUDIT_GAP";

  private long count;
  private Instant since;

  synchronized void add(long lost, Instant now) {
    if (lost <= 0) {
      return;
    }
    if (count == 0) {
      since = now;
    }
    count += lost;
  }

  synchronized boolean any() {
    return count > 0;
  }

  /** Takes the current gap, or {@code null} when nothing was lost. */
  synchronized Gap take() {
    if (count == 0) {
      return null;
    }
    Gap gap = new Gap(count, since);
    count = 0;
    since = null;
    return gap;
  }

  /** Puts back a gap whose record could not be written, merging losses counted meanwhile. */
  synchronized void restore(Gap gap) {
    count += gap.lost();
    if (since == null || gap.since().isBefore(since)) {
      since = gap.since();
    }
  }

  /** {@code lost} records were dropped, the first at {@code since}. */
  record Gap(long lost, Instant since) {
    AuditRecord record(Instant now) {
      return new AuditRecord(
          now,
          "audit-gap-" + Randoms.hex(8),
          "ekms-audit",
          GAP_OPERATION,
          null,
          null,
          null,
          "LOST",
          Map.of("lost", Long.toString(lost), "since", since.toString()));
    }
  }
}
