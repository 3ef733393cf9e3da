package io.ekms.kms.ciphertext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AssociatedDataTest {
  static final byte[] HEADER = HexFormat.of().parseHex("010161");

  /** Frozen: the canonical AAD encoding must never drift, or old ciphertext stops opening. */
  @Test
  void build_twoEntries_matchesFrozenVector() {
    byte[] aad = AssociatedData.build(HEADER, Map.of("b", "2", "a", "1"));
    assertThat(HexFormat.of().formatHex(aad))
        .isEqualTo(
            HexFormat.of().formatHex("ekms-kms-aad-v1".getBytes())
                + "00"
                + "010161"
                + "0002"
                + "0001"
                + "61"
                + "00000001"
                + "31"
                + "0001"
                + "62"
                + "00000001"
                + "32");
  }

  @Test
  void build_sameMapAnyOrder_sameBytes() {
    Map<String, String> forward = new LinkedHashMap<>();
    forward.put("tenant", "acme");
    forward.put("purpose", "backup");
    forward.put("é", "ü");
    Map<String, String> sorted = new TreeMap<>(forward);
    assertThat(AssociatedData.build(HEADER, forward))
        .isEqualTo(AssociatedData.build(HEADER, sorted));
  }

  @Test
  void build_nullAndEmpty_areTheSame() {
    assertThat(AssociatedData.build(HEADER, null))
        .isEqualTo(AssociatedData.build(HEADER, Map.of()));
  }

  @Test
  void build_differentMaps_differ() {
    assertThat(AssociatedData.build(HEADER, Map.of("ab", "c")))
        .isNotEqualTo(AssociatedData.build(HEADER, Map.of("a", "bc")));
  }

  @Test
  void build_tooLarge_isRefused() {
    assertThatThrownBy(() -> AssociatedData.build(HEADER, Map.of("k", "x".repeat(8200))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("8192");
  }
}
