package io.ekms.kms.domain;

import io.ekms.core.crypto.Randoms;

/**
 * Identifiers in Oracle Cloud's OCID shape, {@code
 * ocid1.<type>.<realm>.[region][.future].<unique>}, lower case and bounded in length, so that tools
 * written for OCI see familiar ids. New ids are {@code ocid1.<type>.oc1..} followed by 128 random
 * bits in hex.
 */
public final class Ocids {
  /** Longer than any real OCID (about 90 characters), short enough to bound every look-up. */
  public static final int MAX_LENGTH = 255;

  /**
   * The shape, as a regular expression: {@value}. {@link #wellFormed} checks it by hand (it runs on
   * every request, several times); {@code OcidsTest} holds the two to the same answers.
   */
  static final String SHAPE =
      "ocid1\\.[a-z]{2,32}\\.[a-z0-9]{1,16}(\\.[a-z0-9-]{0,32}){1,2}\\.[a-z0-9]{1,128}";

  private static final String PREFIX = "ocid1.";

  private Ocids() {}

  public static String newId(String type) {
    return "ocid1." + type + ".oc1.." + Randoms.hex(16);
  }

  public static String newUser() {
    return newId("user");
  }

  /** True when {@code id} has the {@link #SHAPE} and at most {@link #MAX_LENGTH} characters. */
  public static boolean wellFormed(String id) {
    if (id == null || id.length() > MAX_LENGTH || !id.startsWith(PREFIX)) {
      return false;
    }
    int typeEnd = segment(id, PREFIX.length(), false, false);
    if (!dotAfter(id, PREFIX.length(), typeEnd, 2, 32)) {
      return false;
    }
    int realmEnd = segment(id, typeEnd + 1, true, false);
    if (!dotAfter(id, typeEnd + 1, realmEnd, 1, 16)) {
      return false;
    }
    // One or two middle segments (region, future use), each of 0-32 of [a-z0-9-], then the unique
    // part: 1-128 of [a-z0-9].
    int start = realmEnd + 1;
    for (int middles = 0; ; middles++) {
      int end = segment(id, start, true, true);
      if (end == id.length()) {
        return middles >= 1 && end - start >= 1 && end - start <= 128 && noHyphen(id, start, end);
      }
      if (id.charAt(end) != '.' || end - start > 32 || middles == 2) {
        return false;
      }
      start = end + 1;
    }
  }

  /**
   * A segment of {@code min} to {@code max} characters from {@code from} to a dot at {@code end}.
   */
  private static boolean dotAfter(String id, int from, int end, int min, int max) {
    return end - from >= min && end - from <= max && end < id.length() && id.charAt(end) == '.';
  }

  /** Where the run of [a-z] (plus digits, plus '-') from {@code from} ends. */
  private static int segment(String id, int from, boolean digits, boolean hyphen) {
    int i = from;
    while (i < id.length()) {
      char c = id.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z') || (digits && c >= '0' && c <= '9') || (hyphen && c == '-');
      if (!ok) {
        break;
      }
      i++;
    }
    return i;
  }

  private static boolean noHyphen(String id, int from, int to) {
    for (int i = from; i < to; i++) {
      if (id.charAt(i) == '-') {
        return false;
      }
    }
    return true;
  }

  /** True when {@code id} is a well-formed OCID of {@code type}. */
  public static boolean isType(String id, String type) {
    int end = PREFIX.length() + type.length();
    return wellFormed(id)
        && id.length() > end
        && id.startsWith(type, PREFIX.length())
        && id.charAt(end) == '.';
  }

  public static boolean isUser(String id) {
    return isType(id, "user");
  }

  public static boolean isTenancy(String id) {
    return isType(id, "tenancy");
  }

  /** A compartment id, or a tenancy id (the tenancy is its root compartment). */
  public static boolean isCompartment(String id) {
    return isType(id, "compartment") || isTenancy(id);
  }
}
