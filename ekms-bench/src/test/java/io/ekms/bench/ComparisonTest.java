package io.ekms.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.common.json.Json;
import org.junit.jupiter.api.Test;

class ComparisonTest {
  @Test
  void ratio_measured_rateOverBaselineAndMetAtTheTarget() {
    Comparison c = new Comparison("envelope", true, 700, 1000, "MB/s", 0.70, "n");

    assertThat(c.ratio()).isEqualTo(0.7);
    assertThat(c.met()).isTrue();
    assertThat(new Comparison("e", true, 699, 1000, "MB/s", 0.70, "n").met()).isFalse();
  }

  @Test
  void skipped_zeroRatioNotMetAndTheReasonKept() {
    Comparison c = Comparison.skipped("pkcs11", 0.70, "libsofthsm2 is not installed");

    assertThat(c.ratio()).isZero();
    assertThat(c.met()).isFalse();
    assertThat(c.note()).isEqualTo("libsofthsm2 is not installed");
  }

  @Test
  void json_roundTrip_carriesRatioAndReadsBack() throws Exception {
    Comparison c = new Comparison("pkcs11", true, 350, 500, "ops/s", 0.70, "n");

    String json = Json.writeString(c);

    assertThat(Json.mapper().readTree(json).path("ratio").asDouble()).isEqualTo(0.7);
    assertThat(Json.mapper().readValue(json, Comparison.class)).isEqualTo(c);
  }
}
