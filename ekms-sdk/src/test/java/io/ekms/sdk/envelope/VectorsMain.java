package io.ekms.sdk.envelope;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints {@code vectors.txt}. Run only when a new format version is introduced: the vectors of an
 * existing version are frozen and {@link EnvelopeVectorsTest} holds the code to them.
 */
final class VectorsMain {
  private VectorsMain() {}

  public static void main(String[] args) {
    System.out.println("# name|frame size|context|plaintext hex|envelope hex (format version 1)");
    line("empty", 16, Map.of(), new byte[0]);
    line("hello", 16, Map.of("purpose", "test"), "hello".getBytes(StandardCharsets.US_ASCII));
    line("two-full-frames", 16, Map.of("a", "1", "b", "2"), FixedDataKey.counting(0x80, 32));
    line("three-frames", 16, Map.of("tenant", "acme"), FixedDataKey.counting(0x80, 40));
  }

  static void line(String name, int frame, Map<String, String> context, byte[] plaintext) {
    StringBuilder ctx = new StringBuilder();
    new TreeMap<>(context)
        .forEach((k, v) -> ctx.append(ctx.isEmpty() ? "" : "&").append(k).append('=').append(v));
    byte[] envelope = Messages.encrypt(FixedDataKey.envelope(frame), context, plaintext);
    System.out.println(
        String.join(
            "|",
            name,
            Integer.toString(frame),
            ctx,
            FixedDataKey.hex(plaintext),
            FixedDataKey.hex(envelope)));
  }
}
