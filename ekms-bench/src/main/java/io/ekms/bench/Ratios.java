package io.ekms.bench;

import java.util.List;
import java.util.Optional;

/**
 * What each scenario is compared with. The ceiling: two hops for the KMS end to end (application →
 * KMS → EKM), one hop for everything else. The peer: its decrypt for every decrypt, its generate (a
 * fresh key, wrapped) for generateDataEncryptionKey and for encrypt, the closest operation it has.
 * Ratios are of throughput at the same concurrency, closed loop.
 */
final class Ratios {
  static final String CEILING_ONE_HOP = "ceiling-1-hop";
  static final String CEILING_TWO_HOPS = "ceiling-2-hops";

  private Ratios() {}

  static Optional<String> ceilingOf(String scenario) {
    if (scenario.startsWith("ceiling-") || separateJvm(scenario)) {
      return Optional.empty();
    }
    return Optional.of(scenario.startsWith("kms-") ? CEILING_TWO_HOPS : CEILING_ONE_HOP);
  }

  static Optional<String> peerOf(String scenario) {
    if (scenario.startsWith("ceiling-") || scenario.startsWith("peer-") || separateJvm(scenario)) {
      return Optional.empty();
    }
    return Optional.of(
        scenario.contains("decrypt") ? PeerScenarios.DECRYPT : PeerScenarios.GENERATE);
  }

  /** PKCS#11 points come from a JVM of their own, later: their own raw rate is their baseline. */
  private static boolean separateJvm(String scenario) {
    return scenario.startsWith("pkcs11-");
  }

  /** The closed-loop point of {@code scenario} at {@code concurrency}. */
  static Optional<Result> find(List<Result> results, String scenario, int concurrency) {
    return results.stream()
        .filter(r -> r.mode().equals("closed"))
        .filter(r -> r.scenario().equals(scenario) && r.concurrency() == concurrency)
        .findFirst();
  }

  /** {@code r}'s throughput over its reference's at the same concurrency; empty when none. */
  static Optional<Double> of(List<Result> results, Result r, Optional<String> reference) {
    if (!r.mode().equals("closed") || reference.isEmpty()) {
      return Optional.empty();
    }
    return find(results, reference.get(), r.concurrency())
        .filter(ref -> ref.opsPerSecond() > 0)
        .map(ref -> r.opsPerSecond() / ref.opsPerSecond());
  }
}
