package io.ekms.conformance;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The two conversions every protocol's bodies need. */
public final class Bytes {
  private Bytes() {}

  /** Standard Base64 with padding (RFC 4648 section 4), as every protocol's JSON carries bytes. */
  public static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
