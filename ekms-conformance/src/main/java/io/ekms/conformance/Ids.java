package io.ekms.conformance;

/**
 * Identifiers that no EKM has, shaped like ones it has (an EKM may refuse a malformed id with 400).
 */
public final class Ids {
  private Ids() {}

  /**
   * {@code real} with its last eight letters and digits each replaced by {@code 0} (by {@code 1}
   * where already {@code 0}): the same length and alphabet, almost surely unknown.
   */
  public static String sibling(String real) {
    char[] chars = real.toCharArray();
    int changed = 0;
    for (int i = chars.length - 1; i >= 0 && changed < 8; i--) {
      if (Character.isLetterOrDigit(chars[i])) {
        chars[i] = chars[i] == '0' ? '1' : '0';
        changed++;
      }
    }
    return new String(chars);
  }
}
