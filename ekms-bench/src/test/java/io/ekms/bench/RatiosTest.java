package io.ekms.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RatiosTest {
  private final List<Result> results =
      List.of(
          Points.closed("ceiling-1-hop", 16, 10_000, 2),
          Points.closed("ceiling-2-hops", 16, 4_000, 5),
          Points.closed("peer-decrypt", 16, 2_000, 9),
          Points.closed("peer-generate", 16, 5_000, 4),
          Points.closed("kms-decrypt", 16, 1_000, 20),
          Points.closed("ekm-encrypt", 16, 2_500, 6),
          Points.open("kms-decrypt", 500, 30));

  @Test
  void ceilingOf_kmsEndToEnd_twoHopsAndTheRestOneHop() {
    assertThat(Ratios.ceilingOf("kms-decrypt")).contains("ceiling-2-hops");
    assertThat(Ratios.ceilingOf("xks-encrypt")).contains("ceiling-1-hop");
    assertThat(Ratios.ceilingOf("peer-decrypt")).contains("ceiling-1-hop");
    assertThat(Ratios.ceilingOf("ceiling-2-hops")).isEmpty();
    assertThat(Ratios.ceilingOf("pkcs11-ekm-encrypt")).isEmpty();
  }

  @Test
  void peerOf_decryptsToDecryptAndTheRestToGenerate() {
    assertThat(Ratios.peerOf("kms-decrypt-fresh-sig")).contains("peer-decrypt");
    assertThat(Ratios.peerOf("kms-generate-dek")).contains("peer-generate");
    assertThat(Ratios.peerOf("ekm-encrypt")).contains("peer-generate");
    assertThat(Ratios.peerOf("peer-generate")).isEmpty();
    assertThat(Ratios.peerOf("pkcs11-ekm-decrypt")).isEmpty();
  }

  @Test
  void of_closedLoopPoint_dividesByTheReferenceAtTheSameConcurrency() {
    Result kms = results.get(4);

    assertThat(Ratios.of(results, kms, Ratios.ceilingOf(kms.scenario()))).contains(0.25);
    assertThat(Ratios.of(results, kms, Ratios.peerOf(kms.scenario()))).contains(0.5);
    assertThat(Ratios.of(results, results.get(5), Ratios.peerOf("ekm-encrypt"))).contains(0.5);
  }

  @Test
  void of_openLoopOrMissingReference_empty() {
    assertThat(Ratios.of(results, results.get(6), Ratios.ceilingOf("kms-decrypt"))).isEmpty();
    Result lonely = Points.closed("kms-decrypt", 64, 900, 30);
    assertThat(Ratios.of(results, lonely, Ratios.ceilingOf("kms-decrypt"))).isEmpty();
    assertThat(Ratios.of(results, lonely, Optional.empty())).isEmpty();
  }
}
