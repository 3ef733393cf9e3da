package io.ekms.kms.ekmclient;

import java.util.regex.Pattern;

/**
 * The shape of identifiers the EKM client sends in URL paths and accepts in answers: 1 to 255 URL
 * path-safe characters ({@code A-Z a-z 0-9 . _ ~ -}), starting with a letter or digit, so no id can
 * be a dot segment or reach another path of the EKM.
 */
final class Ids {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~-]{0,254}");
  private static final int MAX_TEXT = 256;

  private Ids() {}

  /**
   * Returns {@code value} when it is a well-formed id.
   *
   * @throws IllegalArgumentException naming {@code field}
   */
  static String id(String field, String value) {
    if (value == null || !ID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field
              + " must be 1 to 255 characters of A-Z a-z 0-9 . _ ~ -, starting with a letter"
              + " or digit");
    }
    return value;
  }

  /** Returns {@code value} when it is 1 to 256 printable characters. */
  static String text(String field, String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_TEXT) {
      throw new IllegalArgumentException(field + " must be 1 to " + MAX_TEXT + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException(field + " must not contain control characters");
      }
    }
    return value;
  }
}
