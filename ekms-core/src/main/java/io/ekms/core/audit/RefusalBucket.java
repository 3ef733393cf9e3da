package io.ekms.core.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The refusals of one source for one reason within a window of {@link Refusals}: how many, per
 * operation (at most {@link #MAX_OPERATIONS} names, the rest under {@code other}), the first and
 * last instant, and the first {@link #MAX_REQUEST_IDS} request ids and claimed identities. Guarded
 * by its {@link Refusals}.
 */
final class RefusalBucket {
  static final int MAX_OPERATIONS = 16;
  static final int MAX_REQUEST_IDS = 4;

  /** What refusals are counted under. */
  record Key(String source, String reason) {}

  private final Key key;
  private final Map<String, Long> operations = new LinkedHashMap<>();
  private final List<String> requestIds = new ArrayList<>(MAX_REQUEST_IDS);
  private final List<String> claimed = new ArrayList<>(MAX_REQUEST_IDS);
  private Instant first;
  private Instant last;
  private long total;

  RefusalBucket(Key key, Instant now) {
    this.key = key;
    this.first = now;
    this.last = now;
  }

  Key key() {
    return key;
  }

  long total() {
    return total;
  }

  void count(String operation, String requestId, String claimedBy, Instant now) {
    add(operation, 1);
    if (requestIds.size() < MAX_REQUEST_IDS && requestId != null) {
      requestIds.add(requestId);
    }
    keepClaimed(claimedBy);
    last = now.isAfter(last) ? now : last;
  }

  /** Adds the counts of {@code other}, an older bucket that could not be written. */
  void absorb(RefusalBucket other) {
    other.operations.forEach(this::add);
    for (String id : other.requestIds) {
      if (requestIds.size() < MAX_REQUEST_IDS) {
        requestIds.add(id);
      }
    }
    other.claimed.forEach(this::keepClaimed);
    first = other.first.isBefore(first) ? other.first : first;
    last = other.last.isAfter(last) ? other.last : last;
  }

  /** This bucket's counts under another key. */
  RefusalBucket movedTo(Key other) {
    RefusalBucket moved = new RefusalBucket(other, first);
    moved.absorb(this);
    return moved;
  }

  private void keepClaimed(String identity) {
    if (identity != null && claimed.size() < MAX_REQUEST_IDS && !claimed.contains(identity)) {
      claimed.add(identity);
    }
  }

  private void add(String operation, long n) {
    String name = operation == null || operation.isEmpty() ? "unknown" : operation;
    if (!operations.containsKey(name) && operations.size() >= MAX_OPERATIONS) {
      name = "other";
    }
    operations.merge(name, n, Long::sum);
    total += n;
  }

  /** The audit record of this bucket; its request id is the first refused request's. */
  AuditRecord record(Instant now) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("source", key.source());
    details.put("count", Long.toString(total));
    details.put("firstAt", first.toString());
    details.put("lastAt", last.toString());
    StringBuilder ops = new StringBuilder();
    operations.forEach(
        (op, n) -> ops.append(ops.isEmpty() ? "" : ",").append(op).append('=').append(n));
    details.put("operations", ops.toString());
    details.put("requestIds", String.join(",", requestIds));
    if (!claimed.isEmpty()) {
      details.put("claimed", String.join(",", claimed));
    }
    String requestId = requestIds.isEmpty() ? "refusals" : requestIds.get(0);
    return AuditRecord.clipped(
        now,
        requestId,
        Refusals.CALLER,
        Refusals.OPERATION,
        null,
        null,
        null,
        key.reason(),
        details);
  }
}
