package io.ekms.sdk.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncryptionContextTest {
  static Map<String, String> read(String hex) throws Exception {
    return EncryptionContext.read(
        new DataInputStream(new ByteArrayInputStream(HexFormat.of().parseHex(hex))));
  }

  @Test
  void encode_anyInsertionOrder_givesTheSameSortedBytes() {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("b", "2");
    a.put("a", "1");
    assertThat(HexFormat.of().formatHex(EncryptionContext.encode(a)))
        .isEqualTo("0002" + "0001" + "61" + "0001" + "31" + "0001" + "62" + "0001" + "32");
    assertThat(EncryptionContext.encode(Map.of("a", "1", "b", "2")))
        .isEqualTo(EncryptionContext.encode(a));
  }

  @Test
  void encode_unpairedSurrogate_isRefused() {
    assertThatThrownBy(() -> EncryptionContext.encode(Map.of("k", "\ud800")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void encode_emptyKey_isRefused() {
    assertThatThrownBy(() -> EncryptionContext.encode(Map.of("", "v")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void read_canonical_roundTrips() throws Exception {
    assertThat(read("0002000161000131000162000132")).isEqualTo(Map.of("a", "1", "b", "2"));
  }

  @Test
  void read_unsortedOrRepeatedKeys_isInvalid() {
    assertThatThrownBy(() -> read("0002000162000132000161000131"))
        .isInstanceOf(InvalidEnvelopeException.class);
    assertThatThrownBy(() -> read("0002000161000131000161000132"))
        .isInstanceOf(InvalidEnvelopeException.class);
  }

  @Test
  void read_impossibleCountOrLength_isInvalidBeforeAllocating() {
    assertThatThrownBy(() -> read("ffff")).isInstanceOf(InvalidEnvelopeException.class);
    assertThatThrownBy(() -> read("0001ffff")).isInstanceOf(InvalidEnvelopeException.class);
  }

  @Test
  void read_malformedUtf8_isInvalid() {
    assertThatThrownBy(() -> read("00010001ff0000")).isInstanceOf(InvalidEnvelopeException.class);
  }
}
