package io.ekms.kms.ekmclient;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Holds every exchange to a deadline for its whole answer. The HTTP client bounds each read by the
 * read timeout, so a peer sending a byte at a time could stretch one answer for as long as it
 * likes; one sweeper thread looks at the exchanges in flight every {@link #TICK_MILLIS} ms and
 * interrupts the thread of each that is past its deadline, which closes its connection (a virtual
 * thread blocked on a socket). An exchange ends within its deadline plus one tick.
 */
final class AnswerDeadlines implements AutoCloseable {
  static final long TICK_MILLIS = 25;

  private final Set<Watch> inFlight = ConcurrentHashMap.newKeySet();
  private final Thread sweeper;
  private volatile boolean closed;

  /** One exchange being watched; {@link #close()} it when the exchange ends, however it ends. */
  final class Watch implements AutoCloseable {
    private final Thread thread = Thread.currentThread();
    private final long deadlineNanos;
    private boolean fired; // guarded by this
    private boolean ended; // guarded by this

    private Watch(long deadlineNanos) {
      this.deadlineNanos = deadlineNanos;
    }

    /** Whether the deadline passed and the exchange's thread was interrupted for it. */
    synchronized boolean fired() {
      return fired;
    }

    private synchronized void fireIfDue(long now) {
      if (!ended && !fired && now - deadlineNanos > 0) {
        fired = true;
        thread.interrupt();
      }
    }

    @Override
    public void close() {
      inFlight.remove(this);
      synchronized (this) {
        ended = true;
        if (fired) {
          Thread.interrupted(); // the interrupt was ours, not the caller's
        }
      }
    }
  }

  AnswerDeadlines() {
    this.sweeper = Thread.ofVirtual().name("ekm-answer-deadlines").start(this::sweep);
  }

  /**
   * Watches the calling thread's exchange until {@code deadlineNanos} ({@link System#nanoTime}).
   */
  Watch watch(long deadlineNanos) {
    Watch watch = new Watch(deadlineNanos);
    inFlight.add(watch);
    return watch;
  }

  private void sweep() {
    while (!closed) {
      try {
        TimeUnit.MILLISECONDS.sleep(TICK_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      for (Watch watch : inFlight) {
        watch.fireIfDue(now);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    sweeper.interrupt();
  }
}
