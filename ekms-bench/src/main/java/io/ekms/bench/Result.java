package io.ekms.bench;

import org.HdrHistogram.Histogram;

/**
 * One measured point: a scenario at one concurrency (closed loop) or one arrival rate (open loop),
 * with throughput, latency percentiles in milliseconds and the error count.
 */
public record Result(
    String scenario,
    String mode,
    int concurrency,
    double targetRate,
    long ops,
    long errors,
    double seconds,
    double opsPerSecond,
    double p50Ms,
    double p99Ms,
    double p999Ms) {

  static Result of(
      String scenario,
      String mode,
      int concurrency,
      double targetRate,
      Histogram latencies,
      long errors,
      double seconds) {
    long ops = latencies.getTotalCount();
    return new Result(
        scenario,
        mode,
        concurrency,
        targetRate,
        ops,
        errors,
        seconds,
        ops / seconds,
        ms(latencies, 50),
        ms(latencies, 99),
        ms(latencies, 99.9));
  }

  private static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1_000_000.0;
  }
}
