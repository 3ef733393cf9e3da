package io.ekms.common.secret;

import java.util.Arrays;

/** Overwrites transient secret arrays once they are no longer needed. */
public final class Wipe {
  private Wipe() {}

  public static void bytes(byte[]... arrays) {
    for (byte[] a : arrays) {
      if (a != null) {
        Arrays.fill(a, (byte) 0);
      }
    }
  }

  public static void chars(char[] chars) {
    if (chars != null) {
      Arrays.fill(chars, '\0');
    }
  }
}
