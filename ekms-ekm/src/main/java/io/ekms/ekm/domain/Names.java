package io.ekms.ekm.domain;

import java.util.regex.Pattern;

/** Display names and client ids: 1 to 255 printable characters without control codes. */
final class Names {
  private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{N} ._:@/+=-]{1,255}");

  private Names() {}

  static void check(String field, String value) {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field + " must be 1 to 255 letters, digits, spaces or ._:@/+=-");
    }
  }
}
