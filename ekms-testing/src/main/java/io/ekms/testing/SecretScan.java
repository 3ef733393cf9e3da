package io.ekms.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Searches stored bytes (database files, audit lines, captured logs) for secrets in every common
 * encoding: raw, Base64 and Base64url (with and without padding), and hex in both cases.
 */
public final class SecretScan {
  private SecretScan() {}

  public static List<byte[]> encodings(byte[] secret) {
    return List.of(
        secret,
        ascii(Base64.getEncoder().withoutPadding().encodeToString(secret)),
        ascii(Base64.getUrlEncoder().withoutPadding().encodeToString(secret)),
        ascii(HexFormat.of().formatHex(secret)),
        ascii(HexFormat.of().withUpperCase().formatHex(secret)));
  }

  /** Position of {@code needle} in {@code haystack}, or -1. */
  public static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /**
   * Fails when any encoding of any secret occurs in any haystack; the message names which secret
   * and which haystack by position, never the secret itself.
   */
  public static void assertAbsent(List<byte[]> secrets, List<byte[]> haystacks) {
    for (int s = 0; s < secrets.size(); s++) {
      for (byte[] form : encodings(secrets.get(s))) {
        for (int h = 0; h < haystacks.size(); h++) {
          if (indexOf(haystacks.get(h), form) >= 0) {
            throw new AssertionError("secret #" + s + " leaked into haystack #" + h);
          }
        }
      }
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
