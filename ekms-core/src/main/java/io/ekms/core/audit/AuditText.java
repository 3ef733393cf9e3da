package io.ekms.core.audit;

/**
 * Makes text a caller sent storable in an {@link AuditRecord}, so that the record of an operation
 * can never be refused because of what the caller wrote: U+0000 and unpaired surrogates become
 * U+FFFD, and text longer than the field's bound is cut on a code-point boundary (never inside a
 * surrogate pair) and ends in "…" to show that it was cut.
 */
public final class AuditText {
  /** What replaces a character that no store can keep. */
  public static final char REPLACEMENT = '\uFFFD';

  /** The mark at the end of clipped text. */
  public static final char CLIPPED = '\u2026';

  private AuditText() {}

  /**
   * {@code value} made storable and at most {@code max} UTF-16 units long; null stays null.
   *
   * @throws IllegalArgumentException when {@code max} is below 2
   */
  public static String clip(String value, int max) {
    if (max < 2) {
      throw new IllegalArgumentException("max must be at least 2");
    }
    if (value == null || (value.length() <= max && storable(value))) {
      return value;
    }
    boolean clipped = value.length() > max;
    int budget = clipped ? max - 1 : max;
    StringBuilder out = new StringBuilder(Math.min(value.length(), max));
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      int units = Character.charCount(cp);
      if (out.length() + units > budget) {
        break;
      }
      boolean unstorable = cp == 0 || (units == 1 && Character.isSurrogate((char) cp));
      if (unstorable) {
        out.append(REPLACEMENT);
      } else {
        out.appendCodePoint(cp);
      }
      i += units;
    }
    return clipped ? out.append(CLIPPED).toString() : out.toString();
  }

  /** True when {@code value} has no U+0000 and no unpaired surrogate. */
  static boolean storable(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (c == '\0' || Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
