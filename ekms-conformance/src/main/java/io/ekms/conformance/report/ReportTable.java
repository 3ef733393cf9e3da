package io.ekms.conformance.report;

import io.ekms.conformance.Outcome;
import io.ekms.conformance.Report;
import io.ekms.conformance.Verdict;
import java.util.Locale;

/** The terminal's table: one line per check (verdict, id, what was wrong), then the totals. */
public final class ReportTable {
  private ReportTable() {}

  /** One check's line, as printed while the run goes on. */
  public static String line(Outcome outcome) {
    String detail = outcome.detail().isEmpty() ? "" : "  " + outcome.detail();
    return String.format(
        Locale.ROOT,
        "%-5s %-48s %6d ms%s",
        outcome.verdict(),
        outcome.id(),
        outcome.took().toMillis(),
        detail);
  }

  /** The closing lines: counts, and the verdict of the run. */
  public static String summary(Report report) {
    return String.format(
        Locale.ROOT,
        "%s against %s: %d passed, %d failed, %d erred, %d skipped — %s",
        report.suite(),
        report.endpoint(),
        report.count(Verdict.PASS),
        report.count(Verdict.FAIL),
        report.count(Verdict.ERROR),
        report.count(Verdict.SKIP),
        report.conforms() ? "CONFORMS" : "DOES NOT CONFORM");
  }

  /** The whole table. */
  public static String render(Report report) {
    var out = new StringBuilder();
    report.outcomes().forEach(o -> out.append(line(o)).append('\n'));
    return out.append(summary(report)).append('\n').toString();
  }
}
