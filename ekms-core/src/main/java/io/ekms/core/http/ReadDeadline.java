package io.ekms.core.http;

import io.helidon.common.tls.Tls;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * interrupted, which closes its connection. Handlers never run under a deadline, so the interrupt
 * can never reach database or key-backend work.
 */
final class ReadDeadline implements Http1ConnectionListener {
  private static final ThreadLocal<Reader> READER = new ThreadLocal<>();
  private static final ScheduledThreadPoolExecutor TIMER = timer();
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
    }
  }

  @Override
  public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
    Reader reader = READER.get();
    if (reader != null && reader.armed == null) {
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

  /** One connection's reader thread and its current deadline (touched by that thread only). */
  private static final class Reader {
    private final Thread thread;
    private final Duration timeout;
    private Armed armed;

    Reader(Thread thread, Duration timeout) {
      this.thread = thread;
      this.timeout = timeout;
    }

    void arm() {
      disarm();
      Armed a = new Armed(thread);
      a.timer = TIMER.schedule(a::fire, timeout.toNanos(), TimeUnit.NANOSECONDS);
      armed = a;
    }

    /** Lifts the deadline; false when it had already passed (the interrupt is then cleared). */
    boolean disarm() {
      Armed a = armed;
      armed = null;
      return a == null || a.lift();
    }
  }

  private static final class Armed {
    private final Thread thread;
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile boolean interrupted;
    private volatile ScheduledFuture<?> timer;

    Armed(Thread thread) {
      this.thread = thread;
    }

    void fire() {
      if (settled.compareAndSet(false, true)) {
        thread.interrupt();
        interrupted = true;
      }
    }

    boolean lift() {
      if (settled.compareAndSet(false, true)) {
        timer.cancel(false);
        return true;
      }
      // Too late: wait for the interrupt to land, then clear it so that later work runs clean.
      while (!interrupted) {
        Thread.onSpinWait();
      }
      Thread.interrupted();
      return false;
    }
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1, r -> Thread.ofPlatform().daemon().name("ekms-read-deadline").unstarted(r));
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
