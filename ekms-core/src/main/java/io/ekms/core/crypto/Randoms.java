package io.ekms.core.crypto;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Strong randomness for keys, IVs, identifiers and tokens. */
public final class Randoms {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Randoms() {}

  public static byte[] bytes(int length) {
    byte[] out = new byte[length];
    RANDOM.nextBytes(out);
    return out;
  }

  /** A random lower-case hex string of {@code bytes * 2} characters. */
  public static String hex(int bytes) {
    return HexFormat.of().formatHex(bytes(bytes));
  }
}
