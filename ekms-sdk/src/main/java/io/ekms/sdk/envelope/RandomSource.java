package io.ekms.sdk.envelope;

import java.security.SecureRandom;

/**
 * Where the envelope's message id and base IV come from. Production code uses {@link #secure()};
 * tests inject a fixed source to produce frozen test vectors. A source that repeats values under
 * one data key breaks confidentiality: never use anything but {@link #secure()} outside tests.
 */
@FunctionalInterface
public interface RandomSource {
  /** Fills {@code out} with fresh random bytes. */
  void nextBytes(byte[] out);

  /** A {@link SecureRandom}-backed source. */
  static RandomSource secure() {
    SecureRandom random = new SecureRandom();
    return random::nextBytes;
  }
}
