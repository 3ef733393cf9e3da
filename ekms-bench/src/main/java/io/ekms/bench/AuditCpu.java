package io.ekms.bench;

import io.ekms.core.audit.AuditWriterCpu;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The audit writers' CPU per record: the CPU time of every audit writer thread in this JVM (the
 * servers under test run in it), measured by {@link java.lang.management.ThreadMXBean} from the
 * writer threads themselves, divided by the records they committed over the same point (warm-up
 * included). Issue 13's target: at most {@link #GOAL_MICROS} µs per record at concurrency {@link
 * Targets#AT} on the embedded default (H2).
 */
final class AuditCpu {
  static final double GOAL_MICROS = 20;

  private AuditCpu() {}

  /** Runs {@code point} and returns its result with the audit writers' cost meanwhile. */
  static Result around(Point point) throws InterruptedException {
    AuditWriterCpu.Snapshot before = AuditWriterCpu.snapshot();
    Result r = point.run();
    return r.withAudit(AuditWriterCpu.snapshot().since(before));
  }

  /** The target over every closed-loop point at {@link Targets#AT} that wrote audit records. */
  static Target target(List<Result> results) {
    String title = "Audit writer CPU per record (c=" + Targets.AT + ", H2, all scenarios)";
    String goal = String.format(Locale.ROOT, "≤ %.0f µs", GOAL_MICROS);
    if (!AuditWriterCpu.supported()) {
      return new Target(
          title, "thread CPU time is not measurable", goal, Target.Status.NOT_MEASURED);
    }
    double cpuMicros = 0;
    long records = 0;
    double worst = -1;
    String which = null;
    for (Result r : atTarget(results)) {
      cpuMicros += r.auditCpuMicrosPerRecord() * r.auditRecords();
      records += r.auditRecords();
      if (r.auditCpuMicrosPerRecord() > worst) {
        worst = r.auditCpuMicrosPerRecord();
        which = r.scenario();
      }
    }
    if (records == 0) {
      return new Target(
          title, "no audit records at c=" + Targets.AT, goal, Target.Status.NOT_MEASURED);
    }
    double mean = cpuMicros / records;
    return new Target(
        title,
        String.format(
            Locale.ROOT,
            "%.1f µs over %d records (worst %.1f µs, %s)",
            mean,
            records,
            worst,
            which),
        goal,
        Target.Status.of(mean <= GOAL_MICROS));
  }

  /** One line per closed-loop point that wrote audit records. */
  static void print(PrintStream out, List<Result> results) {
    out.println("Audit writers' CPU per record (writer threads' CPU time / records committed):");
    for (Result r : results) {
      if (r.mode().equals("closed") && r.auditCpuMicrosPerRecord() != null) {
        out.println(
            String.format(
                Locale.ROOT,
                "  %-22s c=%-3d %8d records %8.1f µs/record %6.1f records/batch",
                r.scenario(),
                r.concurrency(),
                r.auditRecords(),
                r.auditCpuMicrosPerRecord(),
                r.auditRecordsPerBatch()));
      }
    }
  }

  private static List<Result> atTarget(List<Result> results) {
    return results.stream()
        .filter(r -> r.mode().equals("closed") && r.concurrency() == Targets.AT)
        .filter(r -> r.auditCpuMicrosPerRecord() != null)
        .toList();
  }

  /** A measured point. */
  @FunctionalInterface
  interface Point {
    Result run() throws InterruptedException;
  }
}
