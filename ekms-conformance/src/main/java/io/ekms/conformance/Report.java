package io.ekms.conformance;

import java.time.Instant;
import java.util.List;

/**
 * What a run of one protocol's checks found against one endpoint.
 *
 * @param suite the protocol: {@code oci-ekm}, {@code xks} or {@code gcp-ekm}
 * @param endpoint the URL checked
 */
public record Report(String suite, String endpoint, Instant started, List<Outcome> outcomes) {
  public Report {
    outcomes = List.copyOf(outcomes);
  }

  /** True when no check failed or erred (skips do not fail a run). */
  public boolean conforms() {
    return outcomes.stream().allMatch(Outcome::passedOrSkipped);
  }

  public long count(Verdict verdict) {
    return outcomes.stream().filter(o -> o.verdict() == verdict).count();
  }
}
