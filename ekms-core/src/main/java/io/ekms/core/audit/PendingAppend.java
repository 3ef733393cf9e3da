package io.ekms.core.audit;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One append waiting for the writer. The caller can withdraw its record only while it is still
 * queued; once the writer has claimed it, the batch's outcome decides, because the record may
 * already be on its way into a commit.
 *
 * <p>The outcome reaches the caller by one {@link LockSupport#unpark}: the writer completes every
 * record of every batch, and a {@code CompletableFuture} per record cost it a completion stack and
 * a waiter node each time.
 */
final class PendingAppend {
  private static final int QUEUED = 0;
  private static final int CLAIMED = 1;
  private static final int ABANDONED = 2;
  private static final int STORED = 3;
  private static final int FAILED = 4;

  private final AuditRecord record;
  private final AtomicInteger state = new AtomicInteger(QUEUED);
  private volatile Thread waiter;
  private Throwable cause; // published by the write of state that follows it

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
    finish(STORED, null);
  }

  void failed(Throwable failure) {
    finish(FAILED, failure);
  }

  private void finish(int outcome, Throwable failure) {
    cause = failure;
    state.set(outcome);
    Thread w = waiter;
    if (w != null) {
      LockSupport.unpark(w);
    }
  }

  /**
   * Waits until the record is stored.
   *
   * @throws ExecutionException the store failed; the cause says why
   * @throws TimeoutException no outcome within {@code nanos}
   */
  void await(long nanos) throws InterruptedException, ExecutionException, TimeoutException {
    waiter = Thread.currentThread();
    long deadline = System.nanoTime() + Math.max(0, nanos);
    while (true) {
      int s = state.get();
      if (s == STORED) {
        return;
      }
      if (s == FAILED) {
        throw new ExecutionException(cause);
      }
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException();
      }
      LockSupport.parkNanos(this, left);
    }
  }
}
