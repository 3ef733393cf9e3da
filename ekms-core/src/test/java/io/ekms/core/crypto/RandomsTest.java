package io.ekms.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomsTest {
  @Test
  void bytes_length_returnsThatMany() {
    assertThat(Randoms.bytes(0)).isEmpty();
    assertThat(Randoms.bytes(1)).hasSize(1);
    assertThat(Randoms.bytes(64)).hasSize(64);
  }

  @Test
  void bytes_manyCalls_neverRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      assertThat(seen.add(java.util.HexFormat.of().formatHex(Randoms.bytes(16)))).isTrue();
    }
  }

  @Test
  void hex_bytes_returnsTwiceAsManyLowerCaseHexDigits() {
    assertThat(Randoms.hex(16)).hasSize(32).matches("[0-9a-f]{32}");
    assertThat(Randoms.hex(0)).isEmpty();
    assertThat(Randoms.hex(16)).isNotEqualTo(Randoms.hex(16));
  }
}
