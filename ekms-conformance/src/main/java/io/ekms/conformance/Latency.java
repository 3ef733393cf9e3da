package io.ekms.conformance;

import java.time.Duration;
import java.util.Arrays;

/**
 * Latency of a run of sequential calls against a budget: the p50 and p99 of what was measured, and
 * whether the p99 keeps within the budget a cloud sets for one call.
 */
public final class Latency {
  private final long[] nanos;
  private int count;

  public Latency(int calls) {
    this.nanos = new long[calls];
  }

  public void add(long elapsedNanos) {
    nanos[count++] = elapsedNanos;
  }

  /** The {@code p}-th percentile (0 < p ≤ 100) by the nearest-rank method. */
  public Duration percentile(double p) {
    if (count == 0) {
      throw new IllegalStateException("no calls measured");
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * count);
    return Duration.ofNanos(sorted[Math.max(0, rank - 1)]);
  }

  /** Fails when the p99 exceeds {@code budget}; says p50 and p99 either way. */
  public String judge(Duration budget) throws CheckFailed {
    String figures =
        "p50 "
            + millis(percentile(50))
            + " ms, p99 "
            + millis(percentile(99))
            + " ms over "
            + count
            + " calls (budget "
            + budget.toMillis()
            + " ms)";
    Expect.that(percentile(99).compareTo(budget) <= 0, "too slow: " + figures);
    return figures;
  }

  private static String millis(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1f", d.toNanos() / 1e6);
  }
}
