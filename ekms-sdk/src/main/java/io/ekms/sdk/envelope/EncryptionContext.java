package io.ekms.sdk.envelope;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical encoding of an encryption context, so that one map always has one encoding:
 *
 * <pre>
 * count n                      uint16 BE, 0..MAX_ENTRIES
 * n times, keys strictly ascending by their UTF-8 bytes (unsigned, lexicographic):
 *   key length   uint16 BE, 1..MAX_KEY_BYTES;   key   UTF-8
 *   value length uint16 BE, 0..MAX_VALUE_BYTES; value UTF-8
 * </pre>
 *
 * The whole encoding is at most {@link #MAX_BYTES}, which keeps the KMS's own associated-data
 * encoding of the same map under its 8 KiB limit. Decoding refuses anything that is not canonical
 * (unsorted or repeated keys, malformed UTF-8), so a parsed context re-encodes to the same bytes.
 */
final class EncryptionContext {
  static final int MAX_ENTRIES = 64;
  static final int MAX_KEY_BYTES = 256;
  static final int MAX_VALUE_BYTES = 1024;
  static final int MAX_BYTES = 4096;

  private EncryptionContext() {}

  /**
   * Encodes {@code context}.
   *
   * @throws IllegalArgumentException when the map breaks a bound or holds null or empty keys
   */
  static byte[] encode(Map<String, String> context) {
    if (context.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException("the context may hold at most 64 entries");
    }
    byte[][] keys = new byte[context.size()][];
    byte[][] values = new byte[context.size()][];
    int i = 0;
    for (var e : context.entrySet()) {
      if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null) {
        throw new IllegalArgumentException("context keys must be non-empty, values non-null");
      }
      keys[i] = strictUtf8(e.getKey());
      values[i++] = strictUtf8(e.getValue());
    }
    Integer[] order = new Integer[keys.length];
    Arrays.setAll(order, j -> j);
    Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keys[a], keys[b]));
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    out.writeBytes(u16(keys.length));
    for (int j : order) {
      if (keys[j].length > MAX_KEY_BYTES || values[j].length > MAX_VALUE_BYTES) {
        throw new IllegalArgumentException("a context key is over 256 bytes or a value over 1024");
      }
      out.writeBytes(u16(keys[j].length));
      out.writeBytes(keys[j]);
      out.writeBytes(u16(values[j].length));
      out.writeBytes(values[j]);
    }
    if (out.size() > MAX_BYTES) {
      throw new IllegalArgumentException("the context's encoding is over 4096 bytes");
    }
    return out.toByteArray();
  }

  /** Reads one canonical encoding; every length is checked before anything is allocated. */
  static Map<String, String> read(DataInputStream in) throws IOException {
    int count = in.readUnsignedShort();
    if (count > MAX_ENTRIES) {
      throw new InvalidEnvelopeException("The envelope's context has too many entries.");
    }
    Map<String, String> out = new TreeMap<>();
    int total = 2;
    byte[] previous = null;
    for (int i = 0; i < count; i++) {
      byte[] key = field(in, 1, MAX_KEY_BYTES);
      byte[] value = field(in, 0, MAX_VALUE_BYTES);
      total += 4 + key.length + value.length;
      if (total > MAX_BYTES) {
        throw new InvalidEnvelopeException("The envelope's context is too large.");
      }
      if (previous != null && Arrays.compareUnsigned(previous, key) >= 0) {
        throw new InvalidEnvelopeException("The envelope's context is not in canonical order.");
      }
      previous = key;
      out.put(utf8(key), utf8(value));
    }
    return out;
  }

  private static byte[] field(DataInputStream in, int min, int max) throws IOException {
    int length = in.readUnsignedShort();
    if (length < min || length > max) {
      throw new InvalidEnvelopeException("The envelope's context has an impossible length.");
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return bytes;
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidEnvelopeException("The envelope's context is not valid UTF-8.");
    }
  }

  /** UTF-8 that refuses unpaired surrogates, which would otherwise not decode to the same text. */
  private static byte[] strictUtf8(String s) {
    try {
      ByteBuffer b =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(java.nio.CharBuffer.wrap(s));
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("context keys and values must be valid Unicode text");
    }
  }

  static byte[] u16(int value) {
    return new byte[] {(byte) (value >>> 8), (byte) value};
  }
}
