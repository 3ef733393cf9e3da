package io.ekms.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {
  @Test
  void closedLoop_countsEverySuccessAndEveryError() throws Exception {
    AtomicLong calls = new AtomicLong();
    Operation op =
        () -> {
          if (calls.incrementAndGet() % 2 == 0) {
            throw new IllegalStateException("every second call fails");
          }
          Thread.sleep(1);
        };
    Result r = LoadGenerator.closedLoop("t", op, 4, Duration.ZERO, Duration.ofMillis(300));
    assertThat(r.ops()).isPositive();
    assertThat(r.errors()).isPositive();
    assertThat(r.ops() + r.errors()).isLessThanOrEqualTo(calls.get());
    assertThat(r.concurrency()).isEqualTo(4);
    assertThat(r.p50Ms()).isGreaterThanOrEqualTo(1.0);
  }

  @Test
  void openLoop_measuresFromTheIntendedSendTime_soAStallShows() throws Exception {
    AtomicLong calls = new AtomicLong();
    // One request in fifty stalls 200 ms; its latency counts from when it was meant to start.
    Operation op =
        () -> {
          if (calls.incrementAndGet() % 50 == 0) {
            Thread.sleep(200);
          }
        };
    Result r = LoadGenerator.openLoop("t", op, 200, Duration.ZERO, Duration.ofSeconds(1));
    assertThat(r.ops()).isBetween(150L, 210L);
    assertThat(r.p99Ms()).isGreaterThanOrEqualTo(150.0);
    assertThat(r.p50Ms()).isLessThan(50.0);
  }

  @Test
  void openLoop_overloaded_keepsAFixedPoolAndCountsTheWaitForIt() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    // 100 ms per request through 64 connections carries 640/s; 2,000/s arrive for half a second.
    Operation op =
        () -> {
          most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          try {
            Thread.sleep(100);
          } finally {
            inFlight.decrementAndGet();
          }
        };
    Result r = LoadGenerator.openLoop("t", op, 2000, Duration.ZERO, Duration.ofMillis(500));
    assertThat(most.get()).isEqualTo(LoadGenerator.OPEN_LOOP_CONNECTIONS);
    assertThat(r.ops()).isEqualTo(1000);
    assertThat(r.errors()).isZero();
    // The last arrivals waited about a second for a connection, and that shows.
    assertThat(r.p99Ms()).isGreaterThanOrEqualTo(700.0);
  }
}
