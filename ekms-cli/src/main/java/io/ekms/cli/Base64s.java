package io.ekms.cli;

import java.util.Base64;

/** Base64 input from the command line, refused in one sentence when malformed. */
final class Base64s {
  private Base64s() {}

  static byte[] decode(String text, String option) {
    try {
      return Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " is not valid Base64; pass standard Base64");
    }
  }
}
