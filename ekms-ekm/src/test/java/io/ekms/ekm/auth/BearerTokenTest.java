package io.ekms.ekm.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written check of a compact JWS against the regular expression it replaces. */
class BearerTokenTest {
  private static final Pattern COMPACT = Pattern.compile(BearerToken.COMPACT);

  @ParameterizedTest
  @ValueSource(strings = {"a.b.c", "a.b.", "eyJ-_0.eyJ9.sig_-", "A.Z.9"})
  void compact_threeParts_true(String token) {
    assertThat(BearerToken.compact(token)).isTrue();
    assertThat(COMPACT.matcher(token).matches()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", ".", "..", "a..c", ".b.c", "a.b", "a.b.c.d", "a.b.c=", "a b.c.d", "a.b.c\n"})
  void compact_otherShapes_false(String token) {
    assertThat(BearerToken.compact(token)).isFalse();
    assertThat(COMPACT.matcher(token).matches()).isFalse();
  }

  @Test
  void compact_randomStrings_agreesWithTheRegex() {
    SplittableRandom random = new SplittableRandom(20261207);
    String alphabet = "aZ9_-..+=/ ";
    int matched = 0;
    for (int i = 0; i < 200_000; i++) {
      StringBuilder token = new StringBuilder();
      int n = random.nextInt(0, 9);
      for (int j = 0; j < n; j++) {
        token.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = token.toString();
      boolean expected = COMPACT.matcher(s).matches();
      assertThat(BearerToken.compact(s)).as(s).isEqualTo(expected);
      matched += expected ? 1 : 0;
    }
    assertThat(matched).isGreaterThan(500).isLessThan(199_000);
  }
}
