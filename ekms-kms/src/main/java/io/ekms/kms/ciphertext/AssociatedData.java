package io.ekms.kms.ciphertext;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The AAD the KMS asks the EKM to bind, built from the ciphertext header and the caller's {@code
 * associatedData} map in one canonical encoding, so that the same map always gives the same bytes
 * whatever its order:
 *
 * <pre>
 * "ekms-kms-aad-v1" (15 bytes, US-ASCII) || 0x00
 * header (format version, L, key version OCID; see KmsCiphertext)
 * count of entries, uint16 big-endian
 * for each entry, sorted by the UTF-8 bytes of its key (unsigned, lexicographic):
 *   key length uint16 BE || key UTF-8 || value length uint32 BE || value UTF-8
 * </pre>
 *
 * The whole AAD must fit the EKM's limit of 8192 bytes.
 */
public final class AssociatedData {
  public static final int MAX_AAD = 8192;
  private static final byte[] LABEL = "ekms-kms-aad-v1".getBytes(StandardCharsets.US_ASCII);

  private AssociatedData() {}

  /**
   * Builds the AAD.
   *
   * @throws IllegalArgumentException when the map is too large, with a message for the caller
   */
  public static byte[] build(byte[] header, Map<String, String> associatedData) {
    Map<String, String> map = associatedData == null ? Map.of() : associatedData;
    byte[][] keys = new byte[map.size()][];
    byte[][] values = new byte[map.size()][];
    int i = 0;
    for (var e : map.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new IllegalArgumentException("associatedData keys and values must not be null");
      }
      keys[i] = e.getKey().getBytes(StandardCharsets.UTF_8);
      values[i++] = e.getValue().getBytes(StandardCharsets.UTF_8);
    }
    Integer[] order = new Integer[keys.length];
    for (int j = 0; j < order.length; j++) {
      order[j] = j;
    }
    Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keys[a], keys[b]));
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    out.writeBytes(LABEL);
    out.write(0);
    out.writeBytes(header);
    out.writeBytes(ByteBuffer.allocate(2).putShort((short) keys.length).array());
    for (int j : order) {
      if (keys[j].length > 0xffff || out.size() > MAX_AAD) {
        throw tooLarge();
      }
      out.writeBytes(ByteBuffer.allocate(2).putShort((short) keys[j].length).array());
      out.writeBytes(keys[j]);
      out.writeBytes(ByteBuffer.allocate(4).putInt(values[j].length).array());
      out.writeBytes(values[j]);
    }
    if (out.size() > MAX_AAD) {
      throw tooLarge();
    }
    return out.toByteArray();
  }

  private static IllegalArgumentException tooLarge() {
    return new IllegalArgumentException(
        "associatedData is too large: its encoding must fit in 8192 bytes with the header");
  }
}
