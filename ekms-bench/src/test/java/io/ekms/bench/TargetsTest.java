package io.ekms.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {
  @Test
  void evaluate_figuresAboveAndBelowEachGoal_metAndGapInOrder() {
    List<Result> results =
        List.of(
            Points.closed("peer-decrypt", 16, 2_000, 9),
            Points.closed("kms-decrypt", 16, 2_100, 8),
            Points.closed("kms-encrypt", 16, 2_000, 12),
            Points.closed("ekm-decrypt", 16, 2_900, 3),
            Points.closed("ekm-decrypt-policy", 16, 2_800, 3),
            Points.closed("xks-encrypt", 16, 2_500, 20),
            Points.closed("ceiling-2-hops", 16, 3_000, 5),
            Points.closed("ceiling-1-hop", 16, 3_500, 4),
            Points.closed("pkcs11-ekm-encrypt", 1, 950, 2),
            Points.closed("pkcs11-bed-sw-encrypt", 1, 1_000, 2),
            Points.closed("pkcs11-ekm-encrypt", 4, 800, 2),
            Points.closed("pkcs11-bed-sw-encrypt", 4, 1_000, 2));
    List<Comparison> comparisons =
        List.of(
            new Comparison("envelope", true, 700, 1000, "MB/s", 0.70, "n"),
            new Comparison("pkcs11", true, 600, 1000, "ops/s", 0.70, "n"));

    List<Target> targets = Targets.evaluate(results, comparisons);

    assertThat(targets)
        .extracting(Target::status)
        .containsExactly(
            Target.Status.MET, // 2100 ≥ 1.0 × 2000
            Target.Status.GAP, // 2900 < 1.5 × 2000
            Target.Status.GAP, // kms-encrypt p99 12 ms ≥ 10 ms
            Target.Status.MET, // 2500 req/s > 1800, p99 20 < 25
            Target.Status.MET, // kms-decrypt 2100 ≥ 0.6 × 3000
            Target.Status.GAP, // xks-encrypt 2500 < 0.8 × 3500
            Target.Status.MET, // policy 2800 ≥ 0.95 × 2900
            Target.Status.MET, // pkcs11 950 ≥ 0.9 × 1000 at c=1
            Target.Status.GAP, // pkcs11 800 < 0.9 × 1000 at c=4
            Target.Status.MET, // 0.70 ≥ 0.70
            Target.Status.GAP, // 0.60 < 0.70
            Target.Status.NOT_MEASURED); // no audit figures
    assertThat(targets.get(0).measured()).isEqualTo("1.05× (2100 vs 2000 ops/s)");
    assertThat(targets.get(2).measured()).isEqualTo("12.00 ms (kms-encrypt)");
    assertThat(targets.get(4).measured()).isEqualTo("0.70× (2100 vs 3000 ops/s)");
    assertThat(targets.get(6).goal()).isEqualTo("≥ 0.95× ekm-decrypt");
  }

  @Test
  void evaluate_noPeerAndSkippedComparison_notMeasuredWithTheReason() {
    List<Result> results = List.of(Points.closed("kms-decrypt", 16, 2_100, 8));
    List<Comparison> comparisons =
        List.of(Comparison.skipped("pkcs11", 0.70, "libsofthsm2 is not installed"));

    List<Target> targets = Targets.evaluate(results, comparisons);

    assertThat(targets.get(0).status()).isEqualTo(Target.Status.NOT_MEASURED);
    assertThat(targets.get(0).measured()).isEqualTo("the peer was not measured");
    assertThat(targets.get(3).status()).isEqualTo(Target.Status.NOT_MEASURED);
    assertThat(targets.get(4).status()).isEqualTo(Target.Status.NOT_MEASURED);
    assertThat(targets.get(4).measured()).isEqualTo("no ceiling-2-hops figure at c=16");
    assertThat(targets.get(6).measured()).isEqualTo("no ekm-decrypt-policy figure at c=16");
    assertThat(targets.get(7).measured()).isEqualTo("no pkcs11-ekm-encrypt figure at c=1");
    assertThat(targets.get(9).status()).isEqualTo(Target.Status.NOT_MEASURED);
    assertThat(targets.get(9).measured()).isEqualTo("libsofthsm2 is not installed");
  }

  @Test
  void xks_slowTail_gapEvenAboveTheRate() {
    Target t = Targets.xks(List.of(Points.closed("xks-encrypt", 16, 5_000, 30)));

    assertThat(t.status()).isEqualTo(Target.Status.GAP);
    assertThat(t.measured()).isEqualTo("5000 req/s, p99 30.00 ms");
  }
}
