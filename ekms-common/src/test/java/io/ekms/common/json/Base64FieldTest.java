package io.ekms.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Base64FieldTest {
  @Test
  void decode_paddedStandardBase64_returnsBytes() {
    assertThat(Base64Field.decode("f", "aGVsbG8=", 0, 10))
        .isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
    assertThat(Base64Field.decode("f", "+/+/", 0, 10)).containsExactly(0xfb, 0xff, 0xbf);
    assertThat(Base64Field.decode("f", "", 0, 10)).isEmpty();
  }

  @Test
  void encode_thenDecode_roundTripsEveryLength() {
    for (int n = 0; n <= 40; n++) {
      byte[] bytes = new byte[n];
      java.util.Arrays.fill(bytes, (byte) (0xf0 + n % 16));
      String text = Base64Field.encode(bytes);
      assertThat(text.length() % 4).isZero();
      assertThat(Base64Field.decode("f", text, n, n)).isEqualTo(bytes);
    }
  }

  /** The JDK's basic decoder refuses '-' and '_' itself: they are not in its alphabet. */
  @ParameterizedTest
  @ValueSource(strings = {"-_-_", "a-b_", "aGVsbG8_"})
  void decode_urlSafeAlphabet_refused(String value) {
    assertInvalid(value);
  }

  /**
   * The JDK's basic decoder accepts input without its '=' padding ("aGk" decodes to "hi"), so the
   * field checks the length is a multiple of four itself.
   */
  @ParameterizedTest
  @ValueSource(strings = {"aGk", "aGVsbG8", "YQ", "YQ=", "a"})
  void decode_missingPadding_refused(String value) {
    assertThat(Base64.getDecoder().decode("aGk")).hasSize(2);
    assertInvalid(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"aGk=\n", " aGk=", "aG k", "aGk=aGk=", "YQ==YQ==", "====", "!!!!"})
  void decode_whitespaceOrPaddingInsideOrJunk_refused(String value) {
    assertInvalid(value);
  }

  @Test
  void decode_tenMegabyteString_refusedByLengthBeforeDecoding() {
    String huge = "!".repeat(10 * 1024 * 1024);
    // '!' is not Base64: reaching the length message proves the decoder never ran.
    assertThatThrownBy(() -> Base64Field.decode("plaintext", huge, 0, 4096))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Field 'plaintext' must decode to at most 4096 bytes.");
  }

  @Test
  void decode_belowMinOrAboveMax_refusedNamingBounds() {
    String twelve = Base64Field.encode(new byte[12]);
    assertThat(Base64Field.decode("iv", twelve, 12, 12)).hasSize(12);
    assertThatThrownBy(() -> Base64Field.decode("iv", twelve, 13, 16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Field 'iv' must decode to 13 to 16 bytes.");
    // 16 characters can hold 12 bytes, so the length passes and the decoded size fails.
    assertThatThrownBy(() -> Base64Field.decode("iv", twelve, 0, 11))
        .hasMessage("Field 'iv' must decode to 0 to 11 bytes.");
    assertThatThrownBy(() -> Base64Field.decode("iv", twelve + "AAAA", 0, 11))
        .hasMessage("Field 'iv' must decode to at most 11 bytes.");
  }

  @Test
  void decode_null_isRequired() {
    assertThatThrownBy(() -> Base64Field.decode("tag", null, 16, 16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Field 'tag' is required.");
  }

  @Test
  void decode_invalid_messageNamesFieldButNotValue() {
    assertThatThrownBy(() -> Base64Field.decode("aad", "S3CR3T!!", 0, 100))
        .hasMessage("Field 'aad' is not valid Base64.")
        .hasNoCause();
  }

  private static void assertInvalid(String value) {
    assertThatThrownBy(() -> Base64Field.decode("f", value, 0, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Field 'f' is not valid Base64.");
  }
}
