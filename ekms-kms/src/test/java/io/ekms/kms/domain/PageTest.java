package io.ekms.kms.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageTest {
  private static final String ID = "ocid1.key.oc1..0123456789abcdef0123456789abcdef";
  private static final Instant AT = Instant.ofEpochMilli(1_900_000_000_123L);

  /** A row as lists return them: creation time and id. */
  private record Row(Instant created, String id) {}

  @Test
  void of_noToken_isTheFirstPageWithDefaultLimit() {
    assertThat(Page.of(null, null)).isEqualTo(new Page(null, null, 100));
    assertThat(Page.of("", 7)).isEqualTo(new Page(null, null, 7));
  }

  @Test
  void next_fullPage_givesTokenForTheLastRowsPosition() {
    List<Row> rows = List.of(new Row(AT.minusMillis(5), "ocid1.key.oc1..aa"), new Row(AT, ID));

    String token = Page.next(rows, 2, Row::created, Row::id);

    assertThat(Page.of(token, 2)).isEqualTo(new Page(AT, ID, 2));
  }

  @Test
  void next_shortPage_isNull() {
    assertThat(Page.next(List.of(new Row(AT, ID)), 2, Row::created, Row::id)).isNull();
    assertThat(Page.next(List.<Row>of(), 2, Row::created, Row::id)).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not base64!",
        "bm8tY29sb24", // "no-colon"
        "YWJjOm9jaWQxLmtleS5vYzEuLmFh", // "abc:ocid1.key.oc1..aa"
        "OjEyMw", // ":123"
        "MTIzOg", // "123:" (no id)
        "MTIzOm5vdC1hbi1vY2lk", // "123:not-an-ocid"
        "LTE6b2NpZDEua2V5Lm9jMS4uYWE", // "-1:ocid1.key.oc1..aa"
        "MTIzOm9jaWQxLmtleS5vYzEuLmE=", // "123:ocid1.key.oc1..a" padded: not the form handed out
      })
  void of_tamperedToken_isIllegalArgument(String token) {
    assertThatThrownBy(() -> Page.of(token, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("page is not a page token from this KMS");
  }

  @Test
  void of_tokenWithAFlippedCharacter_isRefusedOrAnotherWellFormedPosition() {
    String token = Page.next(List.of(new Row(AT, ID)), 1, Row::created, Row::id);
    for (int i = 0; i < token.length(); i++) {
      char flipped = token.charAt(i) == 'A' ? 'B' : 'A';
      String tampered = token.substring(0, i) + flipped + token.substring(i + 1);
      try {
        Page p = Page.of(tampered, 1);
        // Not authenticated, by design: a well-formed position only moves within the caller's
        // own list, whose filters (compartment, vault, key) the query applies regardless.
        assertThat(encode(p)).isEqualTo(tampered);
      } catch (IllegalArgumentException e) {
        assertThat(e).hasMessage("page is not a page token from this KMS");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 1001})
  void of_limitOutOfRange_saysSoEvenWithAToken(int limit) {
    String token = Page.next(List.of(new Row(AT, ID)), 1, Row::created, Row::id);

    assertThatThrownBy(() -> Page.of(token, limit))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be 1 to 1000");
    assertThatThrownBy(() -> Page.of(null, limit)).hasMessage("limit must be 1 to 1000");
  }

  private static String encode(Page p) {
    String raw = p.afterCreated().toEpochMilli() + ":" + p.afterId();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }
}
