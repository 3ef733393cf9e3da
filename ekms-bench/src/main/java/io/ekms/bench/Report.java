package io.ekms.bench;

import java.io.PrintStream;

/** The terminal table of a bench run. */
final class Report {
  private Report() {}

  static void header(PrintStream out) {
    out.printf(
        "%-16s %-6s %6s %8s %10s %9s %9s %9s %7s%n",
        "scenario", "mode", "conc", "rate", "ops/s", "p50 ms", "p99 ms", "p99.9 ms", "errors");
  }

  static Result row(PrintStream out, Result r) {
    out.printf(
        "%-16s %-6s %6s %8s %10.0f %9.2f %9.2f %9.2f %7d%n",
        r.scenario(),
        r.mode(),
        r.concurrency() == 0 ? "-" : Integer.toString(r.concurrency()),
        r.targetRate() == 0 ? "-" : String.format("%.0f", r.targetRate()),
        r.opsPerSecond(),
        r.p50Ms(),
        r.p99Ms(),
        r.p999Ms(),
        r.errors());
    out.flush();
    return r;
  }
}
