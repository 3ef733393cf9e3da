package io.ekms.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The generator on virtual time: its sleeps move the clock at once, and only the operations or the
 * test move it otherwise, so every count and latency below follows from the schedule, whatever the
 * machine's speed.
 */
class LoadGeneratorTest {
  private static final long MS = 1_000_000;

  /** Only a hang reaches this; every wait below ends on a condition that must come. */
  private static final long HANG_GUARD_SECONDS = 60;

  private final VirtualTicker ticker = new VirtualTicker();

  @Test
  void closedLoop_countsEverySuccessAndEveryError() throws Exception {
    AtomicLong calls = new AtomicLong();
    Operation op =
        () -> {
          ticker.advance(MS); // every call takes 1 ms
          if (calls.incrementAndGet() % 2 == 0) {
            throw new IllegalStateException("every second call fails");
          }
        };
    Result r = LoadGenerator.closedLoop(ticker, "t", op, 4, Duration.ZERO, Duration.ofMillis(300));

    // 300 ms of 1 ms calls, plus at most one more for each of the other three workers.
    assertThat(calls.get()).isBetween(300L, 303L);
    assertThat(r.ops() + r.errors()).isEqualTo(calls.get());
    assertThat(r.errors()).isEqualTo(calls.get() / 2);
    assertThat(r.concurrency()).isEqualTo(4);
    assertThat(r.seconds()).isCloseTo(calls.get() / 1000.0, within(1e-9));
    assertThat(r.p50Ms()).isGreaterThanOrEqualTo(1.0);
  }

  @Test
  void openLoop_answersHeldBack_latencyCountsFromEachIntendedSendTime() throws Exception {
    // 200 arrivals a second for one second, 5 ms apart; nothing is answered until the last one
    // was due (995 ms), then everything is. Arrival i thus waited 995 - 5i ms from its send time.
    CountDownLatch answer = new CountDownLatch(1);
    Operation op = answer::await;
    CompletableFuture<Result> run =
        async(
            () ->
                LoadGenerator.openLoop(ticker, "t", op, 200, Duration.ZERO, Duration.ofSeconds(1)));
    await(() -> ticker.nanoTime() == 995 * MS);
    answer.countDown();
    Result r = run.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);

    assertThat(r.ops()).isEqualTo(200);
    assertThat(r.errors()).isZero();
    // 0, 5, ... 995 ms: the median is the 100th (495 ms), the 99th percentile the 198th (985 ms).
    assertThat(r.p50Ms()).isCloseTo(495.0, within(1.0));
    assertThat(r.p99Ms()).isCloseTo(985.0, within(1.0));
  }

  @Test
  void openLoop_overloaded_keepsAFixedPoolAndCountsTheWaitForIt() throws Exception {
    // 2,000 arrivals a second for half a second: 1,000 requests, all due by 499.5 ms, then served
    // through the 64 connections in rounds of 100 ms that the test releases one by one.
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger served = new AtomicInteger();
    Semaphore rounds = new Semaphore(0);
    Operation op =
        () -> {
          most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          try {
            rounds.acquire();
          } finally {
            inFlight.decrementAndGet();
            served.incrementAndGet();
          }
        };
    CompletableFuture<Result> run =
        async(
            () ->
                LoadGenerator.openLoop(
                    ticker, "t", op, 2000, Duration.ZERO, Duration.ofMillis(500)));
    await(() -> ticker.nanoTime() == 499_500_000L && inFlight.get() >= 64);
    int pool = LoadGenerator.OPEN_LOOP_CONNECTIONS;
    for (int round = 1; served.get() < 1000; round++) {
      ticker.advance(100 * MS);
      rounds.release(pool);
      int due = Math.min(1000, round * pool);
      await(() -> served.get() >= due);
    }
    Result r = run.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);

    assertThat(most.get()).isEqualTo(pool);
    assertThat(r.ops()).isEqualTo(1000);
    assertThat(r.errors()).isZero();
    // 1,000 = 15 x 64 + 40: the last 40 (4 %) are served in round 16, at 499.5 + 1,600 ms, and
    // were due by 499.5 ms. The wait for a connection counts, so the 99th percentile shows it.
    assertThat(r.p99Ms()).isGreaterThanOrEqualTo(1600.0);
  }

  private interface Run {
    Result call() throws InterruptedException;
  }

  private static CompletableFuture<Result> async(Run run) {
    CompletableFuture<Result> result = new CompletableFuture<>();
    Thread.ofPlatform()
        .start(
            () -> {
              try {
                result.complete(run.call());
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            });
    return result;
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long guard = System.nanoTime() + TimeUnit.SECONDS.toNanos(HANG_GUARD_SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - guard > 0) {
        throw new AssertionError("hung: the generator never reached the awaited state");
      }
      Thread.sleep(1);
    }
  }

  /** Starts at 0 and moves only when someone sleeps on it or advances it. */
  private static final class VirtualTicker implements Ticker {
    private final AtomicLong now = new AtomicLong();

    @Override
    public long nanoTime() {
      return now.get();
    }

    @Override
    public void sleepNanos(long nanos) {
      now.addAndGet(nanos);
    }

    void advance(long nanos) {
      now.addAndGet(nanos);
    }
  }
}
