package io.ekms.ekm.backup;

import java.security.SecureRandom;

/**
 * Shamir's secret sharing over GF(2^8) (the AES field, polynomial x^8 + x^4 + x^3 + x + 1), byte by
 * byte: each byte of the secret is the constant term of its own random polynomial of degree {@code
 * threshold - 1}, and share {@code x} (1 to 255) holds every polynomial's value at {@code x}. Any
 * {@code threshold} shares give the secret back by Lagrange interpolation at 0; fewer reveal
 * nothing about it, since every secret is equally consistent with them.
 *
 * <p>Arithmetic is done without tables or branches on secret values, so its timing does not depend
 * on the secret.
 */
final class Shamir {
  static final int MAX_SHARES = 255;

  private Shamir() {}

  /**
   * Splits {@code secret} into {@code shares} shares, any {@code threshold} of which rebuild it.
   * Share {@code i} of the result is the one at x = i + 1.
   *
   * @throws IllegalArgumentException unless 2 <= threshold <= shares <= 255
   */
  static byte[][] split(byte[] secret, int shares, int threshold, SecureRandom random) {
    if (threshold < 2 || threshold > shares || shares > MAX_SHARES) {
      throw new IllegalArgumentException(
          "a backup key is split into 2 to 255 shares, with a threshold of 2 to the number of"
              + " shares");
    }
    byte[][] out = new byte[shares][secret.length];
    byte[] coefficients = new byte[threshold];
    for (int b = 0; b < secret.length; b++) {
      coefficients[0] = secret[b];
      byte[] rest = new byte[threshold - 1];
      random.nextBytes(rest);
      System.arraycopy(rest, 0, coefficients, 1, rest.length);
      for (int i = 0; i < shares; i++) {
        out[i][b] = (byte) evaluate(coefficients, i + 1);
      }
      java.util.Arrays.fill(rest, (byte) 0);
    }
    java.util.Arrays.fill(coefficients, (byte) 0);
    return out;
  }

  /**
   * The secret rebuilt from shares at {@code xs} (distinct, 1 to 255) with values {@code ys} (all
   * of one length). With fewer shares than the threshold the answer is some other value.
   */
  static byte[] combine(int[] xs, byte[][] ys) {
    if (xs.length == 0 || xs.length != ys.length) {
      throw new IllegalArgumentException("one value per share is needed");
    }
    for (int i = 0; i < xs.length; i++) {
      if (xs[i] < 1 || xs[i] > MAX_SHARES || ys[i].length != ys[0].length) {
        throw new IllegalArgumentException("share index out of range or lengths differ");
      }
      for (int j = 0; j < i; j++) {
        if (xs[i] == xs[j]) {
          throw new IllegalArgumentException("the same share was given twice");
        }
      }
    }
    byte[] secret = new byte[ys[0].length];
    for (int i = 0; i < xs.length; i++) {
      int weight = lagrangeAtZero(xs, i);
      for (int b = 0; b < secret.length; b++) {
        secret[b] ^= (byte) multiply(ys[i][b] & 0xFF, weight);
      }
    }
    return secret;
  }

  /** The Lagrange basis polynomial of share {@code i}, at x = 0: prod x_j / (x_j - x_i). */
  private static int lagrangeAtZero(int[] xs, int i) {
    int numerator = 1;
    int denominator = 1;
    for (int j = 0; j < xs.length; j++) {
      if (j != i) {
        numerator = multiply(numerator, xs[j]);
        denominator = multiply(denominator, xs[j] ^ xs[i]);
      }
    }
    return multiply(numerator, inverse(denominator));
  }

  /** Horner's rule: a0 + x (a1 + x (a2 + ...)). */
  private static int evaluate(byte[] coefficients, int x) {
    int y = 0;
    for (int k = coefficients.length - 1; k >= 0; k--) {
      y = multiply(y, x) ^ (coefficients[k] & 0xFF);
    }
    return y;
  }

  /** Carry-less multiplication reduced by 0x11B, eight rounds whatever the operands. */
  static int multiply(int a, int b) {
    int product = 0;
    for (int round = 0; round < 8; round++) {
      product ^= -(b & 1) & a;
      int high = -((a >> 7) & 1);
      a = ((a << 1) ^ (high & 0x11B)) & 0xFF;
      b >>= 1;
    }
    return product;
  }

  /** a^254, which is a's inverse in GF(2^8) (a is never 0 here: the x values are distinct). */
  static int inverse(int a) {
    int result = 1;
    int base = a;
    for (int e = 254; e > 0; e >>= 1) {
      int square = multiply(base, base);
      int withBase = multiply(result, base);
      int bit = -(e & 1);
      result = (withBase & bit) | (result & ~bit);
      base = square;
    }
    return result;
  }
}
