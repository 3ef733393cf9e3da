package io.ekms.ekm.console;

import io.ekms.core.audit.AuditEntry;
import io.ekms.core.audit.AuditLog;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The newest records of this node's audit chain that match, read backwards a page at a time through
 * {@link AuditLog#read}, the admin API's read. At most {@link #MAX_SCAN} records are looked at per
 * call, so a filter that matches little costs a bounded read; {@link Found#before} says where the
 * next (older) call resumes, 0 when the chain's start was reached.
 */
final class AuditWindow {
  static final int MAX_SCAN = 5_000;

  private AuditWindow() {}

  /** Up to {@code want} matches, newest first, among records with seq below {@code before}. */
  record Found(List<AuditEntry> entries, long before) {}

  static Found newest(AuditLog log, Predicate<AuditEntry> match, long before, int want) {
    long top = before <= 0 ? log.lastSeq() + 1 : Math.min(before, log.lastSeq() + 1);
    List<AuditEntry> out = new ArrayList<>();
    long scanned = 0;
    while (top > 1 && out.size() < want && scanned < MAX_SCAN) {
      int page = (int) Math.min(AuditLog.MAX_READ, top - 1);
      List<AuditEntry> chunk = log.read(top - 1 - page, page, null);
      scanned += page;
      for (int i = chunk.size() - 1; i >= 0 && out.size() < want; i--) {
        AuditEntry e = chunk.get(i);
        if (e.seq() < top && match.test(e)) {
          out.add(e);
        }
        if (out.size() == want) {
          return new Found(out, e.seq());
        }
      }
      top -= page;
    }
    return new Found(out, top > 1 ? top : 0);
  }
}
