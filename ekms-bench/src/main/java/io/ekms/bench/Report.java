package io.ekms.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The terminal report of a bench run: a progress line per point while measuring, then the table
 * with ratios to the ceiling and to the peer, the same-run comparisons, the targets, and notes.
 */
final class Report {
  private static final String ROW = "%-22s %-6s %5s %7s %9s %8s %8s %9s %6s %7s %7s%n";

  private Report() {}

  static void header(PrintStream out) {
    out.printf(
        Locale.ROOT,
        ROW,
        "scenario",
        "mode",
        "conc",
        "rate",
        "ops/s",
        "p50 ms",
        "p99 ms",
        "p99.9 ms",
        "errors",
        "x ceil",
        "x peer");
  }

  /** A progress line, without ratios; returns {@code r}. */
  static Result row(PrintStream out, Result r) {
    out.print(line(r, Optional.empty(), Optional.empty()));
    out.flush();
    return r;
  }

  static String line(Result r, Optional<Double> ceiling, Optional<Double> peer) {
    return String.format(
        Locale.ROOT,
        ROW,
        r.scenario(),
        r.mode(),
        r.concurrency() == 0 ? "-" : Integer.toString(r.concurrency()),
        r.targetRate() == 0 ? "-" : String.format(Locale.ROOT, "%.0f", r.targetRate()),
        String.format(Locale.ROOT, "%.0f", r.opsPerSecond()),
        String.format(Locale.ROOT, "%.2f", r.p50Ms()),
        String.format(Locale.ROOT, "%.2f", r.p99Ms()),
        String.format(Locale.ROOT, "%.2f", r.p999Ms()),
        Long.toString(r.errors()),
        ratio(ceiling),
        ratio(peer));
  }

  static String ratio(Optional<Double> r) {
    return r.map(v -> String.format(Locale.ROOT, "%.2f", v)).orElse("-");
  }

  static void summary(PrintStream out, Outcome o) {
    out.println();
    header(out);
    List<Result> all = o.results();
    for (Result r : all) {
      out.print(
          line(
              r,
              Ratios.of(all, r, Ratios.ceilingOf(r.scenario())),
              Ratios.of(all, r, Ratios.peerOf(r.scenario()))));
    }
    out.println();
    AuditCpu.print(out, all);
    out.println();
    out.println("Measured beside a baseline in the same run:");
    for (Comparison c : o.comparisons()) {
      out.println(
          c.measured()
              ? String.format(
                  Locale.ROOT,
                  "  %-58s %9.0f vs %9.0f %-5s ratio %.2f (target %.2f) — %s",
                  c.name(),
                  c.rate(),
                  c.baselineRate(),
                  c.unit(),
                  c.ratio(),
                  c.targetRatio(),
                  c.note())
              : "  " + c.name() + ": not measured — " + c.note());
    }
    out.println();
    out.println("Targets:");
    for (Target t : o.targets()) {
      out.println(
          String.format(
              Locale.ROOT,
              "  %-12s %s: %s (goal %s)",
              t.status() == Target.Status.MET
                  ? "[met]"
                  : t.status() == Target.Status.GAP ? "[gap]" : "[not measured]",
              t.name(),
              t.measured(),
              t.goal()));
    }
    out.println();
    out.println("Notes:");
    o.notes().forEach(n -> out.println("  - " + n));
    out.flush();
  }
}
