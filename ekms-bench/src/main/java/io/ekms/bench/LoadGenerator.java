package io.ekms.bench;

import java.time.Duration;
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
  private static final int MAX_IN_FLIGHT = 4096;

  private LoadGenerator() {}

  /** Runs {@code op} unrecorded, so the JIT and connection pools are warm before measuring. */
  public static void warm(Operation op, int concurrency, Duration duration)
      throws InterruptedException {
    run(op, concurrency, duration, new Recorder(MAX_LATENCY_NANOS, 3), new AtomicLong());
  }

  public static Result closedLoop(
      String scenario, Operation op, int concurrency, Duration warmup, Duration measure)
      throws InterruptedException {
    run(op, concurrency, warmup, new Recorder(MAX_LATENCY_NANOS, 3), new AtomicLong());
    Recorder recorder = new Recorder(MAX_LATENCY_NANOS, 3);
    AtomicLong errors = new AtomicLong();
    long start = System.nanoTime();
    run(op, concurrency, measure, recorder, errors);
    double seconds = (System.nanoTime() - start) / 1e9;
    return Result.of(
        scenario, "closed", concurrency, 0, recorder.getIntervalHistogram(), errors.get(), seconds);
  }

  public static Result openLoop(
      String scenario, Operation op, double ratePerSecond, Duration warmup, Duration measure)
      throws InterruptedException {
    arrive(op, ratePerSecond, warmup, new Recorder(MAX_LATENCY_NANOS, 3), new AtomicLong());
    Recorder recorder = new Recorder(MAX_LATENCY_NANOS, 3);
    AtomicLong errors = new AtomicLong();
    long start = System.nanoTime();
    arrive(op, ratePerSecond, measure, recorder, errors);
    double seconds = (System.nanoTime() - start) / 1e9;
    Histogram h = recorder.getIntervalHistogram();
    return Result.of(scenario, "open", 0, ratePerSecond, h, errors.get(), seconds);
  }

  private static void run(
      Operation op, int concurrency, Duration duration, Recorder recorder, AtomicLong errors)
      throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    Thread[] workers = new Thread[concurrency];
    for (int i = 0; i < concurrency; i++) {
      workers[i] =
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (System.nanoTime() < end) {
                      long t0 = System.nanoTime();
                      if (attempt(op)) {
                        recorder.recordValue(Math.min(System.nanoTime() - t0, MAX_LATENCY_NANOS));
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
      Operation op, double rate, Duration duration, Recorder recorder, AtomicLong errors)
      throws InterruptedException {
    long interval = (long) (1e9 / rate);
    long start = System.nanoTime();
    long count = (long) (duration.toNanos() / (double) interval);
    Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    for (long i = 0; i < count; i++) {
      long intended = start + i * interval;
      long wait = intended - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      inFlight.acquire();
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  if (attempt(op)) {
                    recorder.recordValue(Math.min(System.nanoTime() - intended, MAX_LATENCY_NANOS));
                  } else {
                    errors.incrementAndGet();
                  }
                } finally {
                  inFlight.release();
                }
              });
    }
    inFlight.acquire(MAX_IN_FLIGHT);
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
