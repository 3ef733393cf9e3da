package io.ekms.ekm.domain.xks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Frozen vectors of the XKS byte formats: ciphertext metadata, GCM AAD and the CDIV. */
class XksCodecTest {
  static final HexFormat HEX = HexFormat.of();

  @Test
  void metadata_version7_isFormatByteAndBigEndianNumber() {
    assertThat(HEX.formatHex(XksCodec.metadata(7))).isEqualTo("0100000007");
    assertThat(XksCodec.versionNumber(HEX.parseHex("0100000007"))).isEqualTo(7);
  }

  @Test
  void versionNumber_foreignOrDamagedMetadata_invalidCiphertext() {
    for (String hex : new String[] {"0200000007", "01000007", "0100000000", "", "010000000700"}) {
      assertThatThrownBy(() -> XksCodec.versionNumber(HEX.parseHex(hex)))
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> assertThat(e.errorCode()).isEqualTo(XksError.INVALID_CIPHERTEXT));
    }
  }

  @Test
  void gcmAad_withMetadata_lengthPrefixed_withoutMetadata_asGiven() {
    byte[] aad = "ab".getBytes(StandardCharsets.US_ASCII);
    byte[] meta = HEX.parseHex("0100000001");
    assertThat(HEX.formatHex(XksCodec.gcmAad(aad, meta))).isEqualTo("0002616205" + "0100000001");
    assertThat(HEX.formatHex(XksCodec.gcmAad(null, meta))).isEqualTo("0000050100000001");
    assertThat(XksCodec.gcmAad(aad, null)).isEqualTo(aad);
  }

  @Test
  void integrityValue_isBase64Sha256OfConcatenation() {
    // SHA-256("abc") = ba7816bf...; split across the five parts it must hash the same.
    String cdiv =
        XksCodec.integrityValue(
            "a".getBytes(StandardCharsets.US_ASCII),
            null,
            "b".getBytes(StandardCharsets.US_ASCII),
            new byte[0],
            "c".getBytes(StandardCharsets.US_ASCII));
    assertThat(cdiv).isEqualTo("ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
  }

  @Test
  void field_overLimit_unsupported_malformed_validation() {
    assertThatThrownBy(() -> XksCodec.field("plaintext", "AAAA".repeat(3000), 8192))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.errorCode()).isEqualTo(XksError.UNSUPPORTED_OPERATION));
    assertThatThrownBy(() -> XksCodec.field("plaintext", "*", 8192))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.errorCode()).isEqualTo(XksError.VALIDATION));
  }
}
