package io.ekms.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AuditTextTest {
  @Test
  void clip_storableShortText_returnsSameInstance() {
    String text = "vault-\uD83D\uDD11";
    assertThat(AuditText.clip(text, 64)).isSameAs(text);
    assertThat(AuditText.clip(null, 64)).isNull();
  }

  @Test
  void clip_nulAndUnpairedSurrogates_replacedOneForOne() {
    assertThat(AuditText.clip("a\u0000b", 10)).isEqualTo("a\uFFFDb");
    assertThat(AuditText.clip("a\uD83D", 10)).isEqualTo("a\uFFFD");
    assertThat(AuditText.clip("\uDE00a", 10)).isEqualTo("\uFFFDa");
  }

  @Test
  void clip_longText_cutToBoundWithMark() {
    String clipped = AuditText.clip("x".repeat(300), 256);
    assertThat(clipped).hasSize(256).endsWith("\u2026").startsWith("xxx");
  }

  @Test
  void clip_pairAtTheCut_neverSplitsIt() {
    String text = "ab\uD83D\uDD11cd"; // a, b, one pair, c, d: 6 units
    String clipped = AuditText.clip(text, 4);
    assertThat(clipped).isEqualTo("ab\u2026");
    assertThat(AuditText.storable(clipped)).isTrue();
  }

  @Test
  void clip_tinyBound_throws() {
    assertThatThrownBy(() -> AuditText.clip("abc", 1)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Any string at all, clipped, makes a record the strict constructor accepts. */
  @Test
  void clip_randomUtf16_alwaysStorableAndBounded() {
    Random random = new Random(20261206);
    for (int n = 0; n < 2_000; n++) {
      char[] chars = new char[random.nextInt(400)];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = (char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x10000));
      }
      String clipped = AuditText.clip(new String(chars), 256);
      assertThat(clipped.length()).isLessThanOrEqualTo(256);
      assertThat(AuditText.storable(clipped)).isTrue();
    }
  }
}
