package io.ekms.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyAndIdsTest {
  @Test
  void percentile_hundredCalls_nearestRank() throws Exception {
    Latency latency = new Latency(100);
    for (int i = 1; i <= 100; i++) {
      latency.add(i * 1_000_000L);
    }
    assertThat(latency.percentile(50)).isEqualTo(Duration.ofMillis(50));
    assertThat(latency.percentile(99)).isEqualTo(Duration.ofMillis(99));
    assertThat(latency.judge(Duration.ofMillis(99))).contains("p99 99.0 ms");
    assertThatThrownBy(() -> latency.judge(Duration.ofMillis(98)))
        .isInstanceOf(CheckFailed.class)
        .hasMessageContaining("too slow");
  }

  @Test
  void sibling_keepsShape_differs() {
    assertThat(Ids.sibling("key-0123456789abcdef"))
        .isEqualTo("key-01234567" + "00000000")
        .isNotEqualTo("key-0123456789abcdef");
    assertThat(Ids.sibling("kv-00000000")).isEqualTo("kv-11111111");
    assertThat(Ids.sibling("a.b")).isEqualTo("0.0");
  }
}
