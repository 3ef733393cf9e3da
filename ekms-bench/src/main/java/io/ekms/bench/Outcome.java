package io.ekms.bench;

import java.util.List;

/**
 * Everything a bench run found: the load points, the same-run comparisons (envelope, PKCS#11), the
 * targets evaluated against them, and notes on how it was measured (signature reuse, TLS on both
 * sides, what was skipped and why).
 */
public record Outcome(
    List<Result> results, List<Comparison> comparisons, List<Target> targets, List<String> notes) {

  static Outcome of(List<Result> results, List<Comparison> comparisons, List<String> notes) {
    return new Outcome(
        List.copyOf(results),
        List.copyOf(comparisons),
        Targets.evaluate(results, comparisons),
        List.copyOf(notes));
  }

  public long errors() {
    return results.stream().mapToLong(Result::errors).sum();
  }
}
