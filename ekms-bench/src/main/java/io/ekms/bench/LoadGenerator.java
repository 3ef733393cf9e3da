package io.ekms.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives an {@link Operation} and records latencies. Closed loop: N virtual threads, each sending
 * the next request when the last one answered. Open loop: requests start at a fixed arrival rate
 * whatever the answers do, and latency is measured from the <em>intended</em> send time, so a
 * stalled server shows in the percentiles (no coordinated omission). Both warm up first,
 * unrecorded.
 */
public final class LoadGenerator {
  private static final long MAX_LATENCY_NANOS = Duration.ofSeconds(60).toNanos();

  /**
   * Open loop: at most this many requests in flight, like a client holding a fixed connection pool.
   * Without a bound, a stall makes the HTTP client open a connection per waiting request, and the
   * TLS handshakes then feed the stall; an arrival that finds no free connection waits for one, and
   * that wait counts in its latency (measured from its intended send time).
   */
  static final int OPEN_LOOP_CONNECTIONS = 64;

  private LoadGenerator() {}

  /** Runs {@code op} unrecorded, so the JIT and connection pools are warm before measuring. */
  public static void warm(Operation op, int concurrency, Duration duration)
      throws InterruptedException {
    run(
        Ticker.SYSTEM,
        op,
        concurrency,
        duration,
        new Recorder(MAX_LATENCY_NANOS, 3),
        new AtomicLong());
  }

  public static Result closedLoop(
      String scenario, Operation op, int concurrency, Duration warmup, Duration measure)
      throws InterruptedException {
    return closedLoop(Ticker.SYSTEM, scenario, op, concurrency, warmup, measure);
  }

  /** As {@link #closedLoop(String, Operation, int, Duration, Duration)} on {@code ticker}. */
  static Result closedLoop(
      Ticker ticker,
      String scenario,
      Operation op,
      int concurrency,
      Duration warmup,
      Duration measure)
      throws InterruptedException {
    run(ticker, op, concurrency, warmup, new Recorder(MAX_LATENCY_NANOS, 3), new AtomicLong());
    Recorder recorder = new Recorder(MAX_LATENCY_NANOS, 3);
    AtomicLong errors = new AtomicLong();
    long start = ticker.nanoTime();
    run(ticker, op, concurrency, measure, recorder, errors);
    double seconds = (ticker.nanoTime() - start) / 1e9;
    return Result.of(
        scenario, "closed", concurrency, 0, recorder.getIntervalHistogram(), errors.get(), seconds);
  }

  public static Result openLoop(
      String scenario, Operation op, double ratePerSecond, Duration warmup, Duration measure)
      throws InterruptedException {
    return openLoop(Ticker.SYSTEM, scenario, op, ratePerSecond, warmup, measure);
  }

  /** As {@link #openLoop(String, Operation, double, Duration, Duration)} on {@code ticker}. */
  static Result openLoop(
      Ticker ticker,
      String scenario,
      Operation op,
      double ratePerSecond,
      Duration warmup,
      Duration measure)
      throws InterruptedException {
    arrive(ticker, op, ratePerSecond, warmup, new Recorder(MAX_LATENCY_NANOS, 3), new AtomicLong());
    Recorder recorder = new Recorder(MAX_LATENCY_NANOS, 3);
    AtomicLong errors = new AtomicLong();
    long start = ticker.nanoTime();
    arrive(ticker, op, ratePerSecond, measure, recorder, errors);
    double seconds = (ticker.nanoTime() - start) / 1e9;
    Histogram h = recorder.getIntervalHistogram();
    return Result.of(scenario, "open", 0, ratePerSecond, h, errors.get(), seconds);
  }

  private static void run(
      Ticker ticker,
      Operation op,
      int concurrency,
      Duration duration,
      Recorder recorder,
      AtomicLong errors)
      throws InterruptedException {
    long end = ticker.nanoTime() + duration.toNanos();
    Thread[] workers = new Thread[concurrency];
    for (int i = 0; i < concurrency; i++) {
      workers[i] =
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (ticker.nanoTime() < end) {
                      long t0 = ticker.nanoTime();
                      if (attempt(op)) {
                        recorder.recordValue(Math.min(ticker.nanoTime() - t0, MAX_LATENCY_NANOS));
                      } else {
                        errors.incrementAndGet();
                      }
                    }
                  });
    }
    for (Thread t : workers) {
      t.join();
    }
  }

  private static void arrive(
      Ticker ticker,
      Operation op,
      double rate,
      Duration duration,
      Recorder recorder,
      AtomicLong errors)
      throws InterruptedException {
    long interval = (long) (1e9 / rate);
    long start = ticker.nanoTime();
    long count = (long) (duration.toNanos() / (double) interval);
    Semaphore connections = new Semaphore(OPEN_LOOP_CONNECTIONS);
    List<Thread> arrivals = new ArrayList<>((int) Math.min(count, 1 << 20));
    for (long i = 0; i < count; i++) {
      long intended = start + i * interval;
      long wait = intended - ticker.nanoTime();
      if (wait > 0) {
        ticker.sleepNanos(wait);
      }
      arrivals.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      connections.acquire();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      errors.incrementAndGet();
                      return;
                    }
                    try {
                      if (attempt(op)) {
                        recorder.recordValue(
                            Math.min(ticker.nanoTime() - intended, MAX_LATENCY_NANOS));
                      } else {
                        errors.incrementAndGet();
                      }
                    } finally {
                      connections.release();
                    }
                  }));
    }
    for (Thread t : arrivals) {
      t.join();
    }
  }

  private static boolean attempt(Operation op) {
    try {
      op.run();
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
