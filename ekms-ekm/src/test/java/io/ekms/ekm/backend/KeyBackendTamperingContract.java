package io.ekms.ekm.backend;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.crypto.AuthenticationFailedException;
import java.util.Arrays;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every change to a ciphertext, IV, tag or AAD is an {@link AuthenticationFailedException} with the
 * one fixed message: each byte flipped (seeded random bit masks), truncations and extensions.
 */
public abstract class KeyBackendTamperingContract extends KeyBackendFixture {
  private static final long SEED = 0x5EEDL;

  /** The four parts of a decrypt request that must authenticate. */
  enum Part {
    CIPHERTEXT,
    IV,
    TAG,
    AAD;

    byte[] of(Sealed s) {
      return switch (this) {
        case CIPHERTEXT -> s.ciphertext();
        case IV -> s.iv();
        case TAG -> s.tag();
        case AAD -> s.aad();
      };
    }

    Sealed with(Sealed s, byte[] value) {
      return switch (this) {
        case CIPHERTEXT -> new Sealed(value, s.iv(), s.tag(), s.aad());
        case IV -> new Sealed(s.ciphertext(), value, s.tag(), s.aad());
        case TAG -> new Sealed(s.ciphertext(), s.iv(), value, s.aad());
        case AAD -> new Sealed(s.ciphertext(), s.iv(), s.tag(), value);
      };
    }
  }

  @ParameterizedTest
  @EnumSource(Part.class)
  void decrypt_eachByteOfPartFlipped_throwsAuthenticationFailed(Part part) {
    Version v = generate(256);
    Sealed good = encrypt(backend, v, PLAINTEXT, AAD);
    Random random = new Random(SEED + part.ordinal());

    for (int i = 0; i < part.of(good).length; i++) {
      int index = i;
      byte mask = (byte) (1 + random.nextInt(255));
      assertFails(v, part, good, bytes -> flip(bytes, index, mask));
    }
  }

  @ParameterizedTest
  @EnumSource(Part.class)
  void decrypt_partTruncatedOrExtended_throwsAuthenticationFailed(Part part) {
    Version v = generate(128);
    Sealed good = encrypt(backend, v, PLAINTEXT, AAD);

    assertFails(v, part, good, bytes -> Arrays.copyOf(bytes, bytes.length - 1));
    assertFails(v, part, good, bytes -> Arrays.copyOf(bytes, bytes.length + 1));
    assertFails(v, part, good, bytes -> new byte[0]);
  }

  private void assertFails(Version v, Part part, Sealed good, UnaryOperator<byte[]> change) {
    Sealed bad = part.with(good, change.apply(part.of(good).clone()));
    assertThatThrownBy(() -> decrypt(backend, v, bad))
        .as("%s changed", part)
        .isInstanceOf(AuthenticationFailedException.class)
        .hasMessage(AuthenticationFailedException.MESSAGE);
  }

  private static byte[] flip(byte[] bytes, int index, byte mask) {
    bytes[index] ^= mask;
    return bytes;
  }
}
