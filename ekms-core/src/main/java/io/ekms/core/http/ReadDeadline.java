package io.ekms.core.http;

import io.helidon.common.tls.Tls;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The read timeout of one listener. Helidon 4.5 does not apply a read timeout to server connections
 * (its {@code connectionOptions.readTimeout} is used by clients only), and closes idle connections
 * only once their first request line has arrived, so a client that connects and sends nothing, or
 * sends a request slowly, would hold a connection for ever.
 *
 * <p>Each connection's reader thread is given a deadline when its TLS engine is made (before the
 * handshake) and again at each later request line; it is lifted when the request's headers have
 * arrived. {@link #during} sets one for reading a body. A thread still reading at its deadline is
 * interrupted (by a sweep at most a tenth of a second later), which closes its connection. Handlers
 * never run under a deadline, so the interrupt can never reach database or key-backend work.
 */
final class ReadDeadline implements Http1ConnectionListener {
  private static final ThreadLocal<Reader> READER = new ThreadLocal<>();
  private final Duration timeout;

  ReadDeadline(Duration timeout) {
    this.timeout = timeout;
  }

  /** {@code tls}, whose engines start this deadline on the connection that asks for them. */
  Tls arming(Tls tls) {
    return Tls.builder()
        .from(tls.prototype())
        .sslContext(ArmingSslContext.of(tls.sslContext(), this::connectionStarted))
        .build();
  }

  private void connectionStarted() {
    Thread thread = Thread.currentThread();
    // Helidon reads each connection on its own virtual thread; anything else is not a connection.
    if (thread.isVirtual()) {
      Reader reader = new Reader(thread, timeout);
      READER.set(reader);
      reader.arm();
      Sweeper.watch(reader);
    }
  }

  @Override
  public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
    Reader reader = READER.get();
    if (reader != null && !reader.pending()) {
      reader.arm();
    }
  }

  @Override
  public void headers(ConnectionContext ctx, Headers headers) {
    Reader reader = READER.get();
    if (reader != null && !reader.disarm()) {
      throw new UncheckedIOException(new SocketException("read deadline passed"));
    }
  }

  /**
   * Runs {@code read} (of a request body) under the connection's deadline, if it has one; throws
   * {@code late}'s exception when the deadline passed before {@code read} finished.
   */
  static <T> T during(Supplier<T> read, Supplier<? extends RuntimeException> late) {
    Reader reader = READER.get();
    if (reader == null) {
      return read.get();
    }
    reader.arm();
    T value;
    try {
      value = read.get();
    } catch (RuntimeException e) {
      if (!reader.disarm()) {
        throw late.get();
      }
      throw e;
    }
    if (!reader.disarm()) {
      throw late.get();
    }
    return value;
  }

  /**
   * One connection's reader thread and its current deadline: {@link #IDLE}, {@link #FIRED}, or the
   * {@link System#nanoTime()} it must be lifted by. Arming and lifting are a write and a
   * compare-and-set by the reader's own thread: no task is scheduled and no timer thread woken per
   * request (a scheduled task per deadline woke the timer at nearly every request, since a deadline
   * lives only microseconds and the queue was empty: 3 to 4% of the CPU of a KMS decrypt).
   */
  private static final class Reader {
    private static final long IDLE = 0;
    private static final long FIRED = Long.MIN_VALUE;

    private final Thread thread;
    private final long timeoutNanos;
    private final AtomicLong until = new AtomicLong(IDLE);
    private volatile boolean interruptSent;

    Reader(Thread thread, Duration timeout) {
      this.thread = thread;
      this.timeoutNanos = timeout.toNanos();
    }

    void arm() {
      disarm();
      long deadline = System.nanoTime() + timeoutNanos;
      until.set(deadline == IDLE || deadline == FIRED ? deadline + 1 : deadline);
    }

    /** Whether a deadline is set or has fired and not been lifted yet. */
    boolean pending() {
      return until.get() != IDLE;
    }

    /** Lifts the deadline; false when it had already passed (the interrupt is then cleared). */
    boolean disarm() {
      long d = until.get();
      if (d == IDLE || (d != FIRED && until.compareAndSet(d, IDLE))) {
        return true;
      }
      // Too late: wait for the interrupt to land, then clear it so that later work runs clean.
      while (!interruptSent) {
        Thread.onSpinWait();
      }
      Thread.interrupted();
      interruptSent = false;
      until.set(IDLE);
      return false;
    }

    /** Called by the sweeper: interrupts the reader when its deadline has passed. */
    void fireIfDue(long now) {
      long d = until.get();
      if (d != IDLE && d != FIRED && now - d >= 0 && until.compareAndSet(d, FIRED)) {
        thread.interrupt();
        interruptSent = true;
      }
    }
  }

  /**
   * The readers of every listener, looked at every {@link #SWEEP_NANOS} by one daemon thread, which
   * also forgets the readers of connections that have ended. A deadline is thus enforced between
   * the timeout and the timeout plus one sweep (at least a second plus a tenth).
   */
  private static final class Sweeper {
    static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final Set<Reader> READERS = ConcurrentHashMap.newKeySet();

    static {
      Thread.ofPlatform().daemon().name("ekms-read-deadline").start(Sweeper::run);
    }

    static void watch(Reader reader) {
      READERS.add(reader);
    }

    private static void run() {
      while (true) {
        LockSupport.parkNanos(SWEEP_NANOS);
        long now = System.nanoTime();
        for (Reader r : READERS) {
          if (!r.thread.isAlive()) {
            READERS.remove(r);
          } else {
            r.fireIfDue(now);
          }
        }
      }
    }
  }
}
