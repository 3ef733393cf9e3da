package io.ekms.kms.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written check of the OCID shape against the regular expression it replaces. */
class OcidsTest {
  private static final Pattern SHAPE = Pattern.compile(Ocids.SHAPE);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ocid1.key.oc1..abc",
        "ocid1.vault.oc1.iad.abc123",
        "ocid1.tenancy.oc1.iad.future.abc",
        "ocid1.vault.oc1.eu-frankfurt-1.abc",
        "ocid1.ab.x..a",
      })
  void wellFormed_realShapes_true(String id) {
    assertThat(Ocids.wellFormed(id)).isTrue();
    assertThat(SHAPE.matcher(id).matches()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "ocid1.",
        "ocid2.key.oc1..abc",
        "ocid1.k.oc1..abc",
        "ocid1.key.oc1.abc",
        "ocid1.key.oc1...",
        "ocid1.key.oc1..ab-c",
        "ocid1.key.oc1.a.b.c.d",
        "ocid1.Key.oc1..abc",
        "ocid1.key.OC1..abc",
        "ocid1.key.oc1..abc.",
        "ocid1.key1.oc1..abc",
        "ocid1.key.oc-1..abc",
        "ocid1.keyXoc1..abc",
        "ocid1.key.oc1..abc\n",
      })
  void wellFormed_wrongShapes_false(String id) {
    assertThat(Ocids.wellFormed(id)).isFalse();
    assertThat(SHAPE.matcher(id).matches()).isFalse();
  }

  @Test
  void wellFormed_nullOrTooLong_false() {
    assertThat(Ocids.wellFormed(null)).isFalse();
    assertThat(Ocids.wellFormed("ocid1.key.oc1.." + "a".repeat(Ocids.MAX_LENGTH))).isFalse();
  }

  @Test
  void wellFormed_randomStringsNearTheShape_agreesWithTheRegex() {
    SplittableRandom random = new SplittableRandom(20261207);
    String[][] choices = {
      {"ocid1", "ocid1", "ocid1", "ocid2", "OCID1", ""},
      {"key", "vault", "ab", "k", "Key", "key1", "", "a".repeat(33)},
      {"oc1", "oc1", "x", "OC1", "o-1", "", "a".repeat(17)},
      {"", "iad", "eu-frankfurt-1", "-", "x".repeat(33), "A"},
      {"abc", "abc", "a-b", "", "z".repeat(129), "A", "9"},
    };
    int matched = 0;
    for (int i = 0; i < 200_000; i++) {
      StringBuilder id = new StringBuilder();
      for (int part = 0; part < choices.length; part++) {
        int repeat = part == 3 ? random.nextInt(4) : 1;
        for (int r = 0; r < repeat; r++) {
          if (!id.isEmpty()) {
            id.append('.');
          }
          id.append(choices[part][random.nextInt(choices[part].length)]);
        }
      }
      if (random.nextInt(10) == 0) {
        id.insert(random.nextInt(id.length() + 1), ".-aZ9\n".charAt(random.nextInt(6)));
      }
      String s = id.toString();
      boolean expected = s.length() <= Ocids.MAX_LENGTH && SHAPE.matcher(s).matches();
      assertThat(Ocids.wellFormed(s)).as(s).isEqualTo(expected);
      matched += expected ? 1 : 0;
    }
    // The generator must reach both answers often, or the comparison proves little.
    assertThat(matched).isGreaterThan(1_000).isLessThan(199_000);
  }

  @Test
  void newId_isWellFormedAndOfItsType() {
    String id = Ocids.newId("key");
    assertThat(Ocids.wellFormed(id)).isTrue();
    assertThat(Ocids.isType(id, "key")).isTrue();
    assertThat(Ocids.isType(id, "vault")).isFalse();
  }
}
