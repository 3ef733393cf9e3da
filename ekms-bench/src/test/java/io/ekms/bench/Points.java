package io.ekms.bench;

/** Results made by hand, for the report's pure parts. */
final class Points {
  private Points() {}

  static Result closed(String scenario, int concurrency, double opsPerSecond, double p99Ms) {
    return new Result(
        scenario,
        "closed",
        concurrency,
        0,
        (long) opsPerSecond * 10,
        0,
        10,
        opsPerSecond,
        p99Ms / 2,
        p99Ms,
        p99Ms * 2);
  }

  static Result open(String scenario, double rate, double p99Ms) {
    return new Result(scenario, "open", 0, rate, (long) rate * 10, 0, 10, rate, 1, p99Ms, p99Ms);
  }
}
