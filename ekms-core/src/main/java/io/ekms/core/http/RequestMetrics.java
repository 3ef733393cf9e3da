package io.ekms.core.http;

import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Request counts and latency histograms per operation and result, exposed at {@code /metrics} in
 * Prometheus format. Timers are created once per (operation, result) and reused.
 */
public final class RequestMetrics {
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
    Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
    Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5)
  };
  private final MeterRegistry registry;
  private final String name;
  private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

  /** {@code name} is the metric's name, for example {@code ekm_requests}. */
  public RequestMetrics(MeterRegistry registry, String name) {
    this.registry = registry;
    this.name = name;
  }

  public void record(String operation, String result, long nanos) {
    timers
        .computeIfAbsent(
            operation + '\u0000' + result,
            k ->
                registry.getOrCreate(
                    Timer.builder(name)
                        .tags(
                            java.util.List.of(
                                Tag.create("operation", operation), Tag.create("result", result)))
                        .buckets(BUCKETS)))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * One (operation, result) pair so far: its count and, per latency bound in milliseconds, how many
   * took at most that long (cumulative, as Prometheus histograms count).
   */
  public record Sample(String operation, String result, long count, long[] atMost) {}

  /** The latency bounds of {@link Sample#atMost}, in milliseconds. */
  public static long[] boundsMillis() {
    long[] out = new long[BUCKETS.length];
    for (int i = 0; i < BUCKETS.length; i++) {
      out[i] = BUCKETS[i].toMillis();
    }
    return out;
  }

  /** What this server's requests of this metric did so far, one sample per pair seen. */
  public java.util.List<Sample> samples() {
    java.util.List<Sample> out = new java.util.ArrayList<>();
    timers.forEach(
        (key, timer) -> {
          int cut = key.indexOf('\u0000');
          long[] atMost = new long[BUCKETS.length];
          var snapshot = timer.snapshot();
          for (var bucket : snapshot.histogramCounts()) {
            double bound = bucket.boundary(TimeUnit.MILLISECONDS);
            for (int i = 0; i < BUCKETS.length; i++) {
              if (Math.abs(BUCKETS[i].toMillis() - bound) < 0.5) {
                atMost[i] = bucket.count();
              }
            }
          }
          out.add(new Sample(key.substring(0, cut), key.substring(cut + 1), timer.count(), atMost));
        });
    return out;
  }
}
