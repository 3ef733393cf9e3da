package io.ekms.sdk.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The frozen vectors in {@code vectors.txt}: one per line, {@code name|frame size|context as
 * k=v&k=v|plaintext hex|envelope hex}, made with {@link FixedDataKey}. A change to the format or to
 * the derivations breaks them; that needs a new format version, not new vectors.
 */
class EnvelopeVectorsTest {
  record Vector(
      String name, int frameSize, Map<String, String> context, byte[] plaintext, byte[] envelope) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Vector> vectors() throws IOException {
    try (InputStream in = EnvelopeVectorsTest.class.getResourceAsStream("vectors.txt")) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      return lines.stream()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .map(l -> parse(l))
          .toList()
          .stream();
    }
  }

  static Vector parse(String line) {
    String[] f = line.split("\\|", -1);
    Map<String, String> context = new TreeMap<>();
    for (String pair : f[2].isEmpty() ? new String[0] : f[2].split("&")) {
      String[] kv = pair.split("=", 2);
      context.put(kv[0], kv[1]);
    }
    HexFormat hex = HexFormat.of();
    return new Vector(
        f[0], Integer.parseInt(f[1]), context, hex.parseHex(f[3]), hex.parseHex(f[4]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void encrypt_fixedInputs_matchesFrozenVector(Vector v) {
    byte[] actual =
        Messages.encrypt(FixedDataKey.envelope(v.frameSize()), v.context(), v.plaintext());
    assertThat(FixedDataKey.hex(actual)).isEqualTo(FixedDataKey.hex(v.envelope()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void decrypt_frozenVector_returnsPlaintext(Vector v) {
    assertThat(Messages.decrypt(FixedDataKey.envelope(v.frameSize()), v.envelope()))
        .isEqualTo(v.plaintext());
  }
}
