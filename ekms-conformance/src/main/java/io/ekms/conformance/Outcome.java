package io.ekms.conformance;

import java.time.Duration;

/**
 * How one check ended: its verdict, what was wrong (or why it was skipped; empty on a pass) and how
 * long it took.
 */
public record Outcome(String id, String title, Verdict verdict, String detail, Duration took) {
  public boolean passedOrSkipped() {
    return verdict == Verdict.PASS || verdict == Verdict.SKIP;
  }
}
