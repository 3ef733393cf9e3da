package io.ekms.kms.ciphertext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KmsCiphertextTest {
  static final String VERSION = "ocid1.keyversion.oc1..0123456789abcdef0123456789abcdef";
  static final byte[] IV = HexFormat.of().parseHex("000102030405060708090a0b");
  static final byte[] TAG = HexFormat.of().parseHex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
  static final byte[] BODY = HexFormat.of().parseHex("cafebabe");

  /** Frozen: if this changes, every stored ciphertext would stop parsing. */
  static final String FROZEN =
      "0136"
          + HexFormat.of().formatHex(VERSION.getBytes())
          + "000102030405060708090a0b"
          + "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"
          + "cafebabe";

  @Test
  void encode_v1_matchesFrozenVector() {
    byte[] encoded = new KmsCiphertext(VERSION, IV, TAG, BODY).encode();
    assertThat(HexFormat.of().formatHex(encoded)).isEqualTo(FROZEN);
  }

  @Test
  void parse_frozenVector_givesItsParts() {
    KmsCiphertext c = KmsCiphertext.parse(HexFormat.of().parseHex(FROZEN));
    assertThat(c.keyVersionId()).isEqualTo(VERSION);
    assertThat(c.iv()).isEqualTo(IV);
    assertThat(c.tag()).isEqualTo(TAG);
    assertThat(c.body()).isEqualTo(BODY);
    assertThat(c.header()).hasSize(2 + VERSION.length());
  }

  @Test
  void parse_everyTruncation_isMalformed() {
    byte[] full = HexFormat.of().parseHex(FROZEN);
    for (int n = 0; n < full.length; n++) {
      byte[] cut = Arrays.copyOf(full, n);
      if (n >= 2 + VERSION.length() + 12 + 16 + 1) {
        continue; // a shorter body is still a well-formed ciphertext; GCM rejects it later
      }
      assertThatThrownBy(() -> KmsCiphertext.parse(cut))
          .isInstanceOf(MalformedCiphertextException.class)
          .hasMessage(MalformedCiphertextException.MESSAGE);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0x00, 0x02, 0xff})
  void parse_unknownFormatVersion_isMalformed(int version) {
    byte[] bytes = HexFormat.of().parseHex(FROZEN);
    bytes[0] = (byte) version;
    assertThatThrownBy(() -> KmsCiphertext.parse(bytes))
        .isInstanceOf(MalformedCiphertextException.class);
  }

  @Test
  void parse_idLengthPastTheEnd_isMalformedWithoutAllocating() {
    byte[] bytes = HexFormat.of().parseHex(FROZEN);
    bytes[1] = (byte) 0xff;
    assertThatThrownBy(() -> KmsCiphertext.parse(bytes))
        .isInstanceOf(MalformedCiphertextException.class);
    bytes[1] = 0;
    assertThatThrownBy(() -> KmsCiphertext.parse(bytes))
        .isInstanceOf(MalformedCiphertextException.class);
  }

  @Test
  void parse_nonPrintableId_isMalformed() {
    byte[] bytes = HexFormat.of().parseHex(FROZEN);
    bytes[5] = 0x0a;
    assertThatThrownBy(() -> KmsCiphertext.parse(bytes))
        .isInstanceOf(MalformedCiphertextException.class);
  }

  @Test
  void parse_oversized_isMalformed() {
    assertThatThrownBy(() -> KmsCiphertext.parse(new byte[KmsCiphertext.MAX_ENCODED + 1]))
        .isInstanceOf(MalformedCiphertextException.class);
    assertThatThrownBy(() -> KmsCiphertext.parse(null))
        .isInstanceOf(MalformedCiphertextException.class);
  }

  @Test
  void parse_randomBytes_neverThrowsAnythingElse() {
    Random random = new Random(42);
    for (int i = 0; i < 5_000; i++) {
      byte[] junk = new byte[random.nextInt(400)];
      random.nextBytes(junk);
      if (random.nextBoolean() && junk.length > 0) {
        junk[0] = 1;
      }
      try {
        KmsCiphertext.parse(junk);
      } catch (MalformedCiphertextException expected) {
        // the only failure allowed
      }
    }
  }

  @Test
  void constructor_outOfBounds_isRefused() {
    assertThatThrownBy(() -> new KmsCiphertext("", IV, TAG, BODY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KmsCiphertext(VERSION, new byte[11], TAG, BODY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KmsCiphertext(VERSION, IV, TAG, new byte[4097]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
