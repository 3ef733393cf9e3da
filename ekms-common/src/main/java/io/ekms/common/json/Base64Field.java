package io.ekms.common.json;

import java.util.Base64;

/**
 * Strict decoding of Base64 request fields (RFC 4648 section 4, padded), with the length bounded
 * before anything is allocated.
 */
public final class Base64Field {
  private Base64Field() {}

  /**
   * Decodes {@code value} of field {@code name}, which must hold {@code min..max} bytes.
   *
   * @throws IllegalArgumentException with a message naming the field and the bound
   */
  public static byte[] decode(String name, String value, int min, int max) {
    if (value == null) {
      throw new IllegalArgumentException("Field '" + name + "' is required.");
    }
    long maxChars = 4L * ((max + 2L) / 3L);
    if (value.length() > maxChars) {
      throw new IllegalArgumentException(
          "Field '" + name + "' must decode to at most " + max + " bytes.");
    }
    // The JDK's basic decoder also accepts input without its '=' padding; RFC 4648 section 4
    // text always comes in groups of four characters.
    if (value.length() % 4 != 0) {
      throw new IllegalArgumentException("Field '" + name + "' is not valid Base64.");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Field '" + name + "' is not valid Base64.");
    }
    if (bytes.length < min || bytes.length > max) {
      throw new IllegalArgumentException(
          "Field '" + name + "' must decode to " + min + " to " + max + " bytes.");
    }
    return bytes;
  }

  public static String encode(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
