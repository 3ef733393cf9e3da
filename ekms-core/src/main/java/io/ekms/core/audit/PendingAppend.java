package io.ekms.core.audit;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One append waiting for the writer. The caller can withdraw its record only while it is still
 * queued; once the writer has claimed it, the batch's outcome decides, because the record may
 * already be on its way into a commit.
 */
final class PendingAppend {
  private static final int QUEUED = 0;
  private static final int CLAIMED = 1;
  private static final int ABANDONED = 2;

  private final AuditRecord record;
  private final AtomicInteger state = new AtomicInteger(QUEUED);
  private final CompletableFuture<Void> done = new CompletableFuture<>();

  PendingAppend(AuditRecord record) {
    this.record = record;
  }

  AuditRecord record() {
    return record;
  }

  /** Writer: takes the record into a batch unless the caller already gave up on it. */
  boolean claim() {
    return state.compareAndSet(QUEUED, CLAIMED);
  }

  /** Caller: withdraws the record; true if the writer will never write it. */
  boolean abandon() {
    return state.compareAndSet(QUEUED, ABANDONED);
  }

  void stored() {
    done.complete(null);
  }

  void failed(Throwable cause) {
    done.completeExceptionally(cause);
  }

  /**
   * Waits until the record is stored.
   *
   * @throws ExecutionException the store failed; the cause says why
   * @throws TimeoutException no outcome within {@code nanos}
   */
  void await(long nanos) throws InterruptedException, ExecutionException, TimeoutException {
    done.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
  }
}
