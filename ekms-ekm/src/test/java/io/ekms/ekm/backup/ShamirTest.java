package io.ekms.ekm.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The contract of GF(256) Shamir sharing: any M of N rebuild, M - 1 give another value. */
class ShamirTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private static byte[] secret(long seed) {
    byte[] s = new byte[32];
    new Random(seed).nextBytes(s);
    return s;
  }

  private static byte[] combineAt(byte[][] shares, List<Integer> indexes) {
    int[] xs = new int[indexes.size()];
    byte[][] ys = new byte[indexes.size()][];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = indexes.get(i) + 1;
      ys[i] = shares[indexes.get(i)];
    }
    return Shamir.combine(xs, ys);
  }

  @Test
  void multiply_fieldAxioms_holdForEveryElement() {
    for (int a = 1; a < 256; a++) {
      assertThat(Shamir.multiply(a, Shamir.inverse(a))).as("a * a^-1, a=%d", a).isEqualTo(1);
      assertThat(Shamir.multiply(a, 1)).isEqualTo(a);
      assertThat(Shamir.multiply(a, 0)).isZero();
    }
    // The AES field's known product: {57} x {83} = {c1} (FIPS-197, 4.2).
    assertThat(Shamir.multiply(0x57, 0x83)).isEqualTo(0xC1);
  }

  @ParameterizedTest
  @CsvSource({"2,2", "2,3", "3,5", "5,5", "4,9", "255,255"})
  void combine_anyThresholdSubset_rebuildsTheSecret(int threshold, int shares) {
    Random seeded = new Random(threshold * 1000L + shares);
    byte[] secret = secret(seeded.nextLong());
    byte[][] split = Shamir.split(secret, shares, threshold, RANDOM);
    for (int round = 0; round < 20; round++) {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < shares; i++) {
        order.add(i);
      }
      Collections.shuffle(order, seeded);
      int take = threshold + seeded.nextInt(shares - threshold + 1);
      assertThat(combineAt(split, order.subList(0, take))).isEqualTo(secret);
    }
  }

  @ParameterizedTest
  @CsvSource({"2,3", "3,5", "5,8"})
  void combine_oneShareTooFew_givesAnotherValue(int threshold, int shares) {
    byte[] secret = secret(threshold);
    byte[][] split = Shamir.split(secret, shares, threshold, RANDOM);
    for (int start = 0; start + threshold - 1 <= shares; start++) {
      List<Integer> few = new ArrayList<>();
      for (int i = start; i < start + threshold - 1; i++) {
        few.add(i);
      }
      assertThat(combineAt(split, few)).isNotEqualTo(secret);
    }
  }

  @Test
  void split_sameSecretTwice_givesDifferentShares() {
    byte[] secret = secret(7);
    assertThat(Shamir.split(secret, 3, 2, RANDOM)[0])
        .isNotEqualTo(Shamir.split(secret, 3, 2, RANDOM)[0]);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void split_thresholdBelowTwo_refused(int threshold) {
    assertThatThrownBy(() -> Shamir.split(secret(1), 3, threshold, RANDOM))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void split_thresholdAboveShares_refused() {
    assertThatThrownBy(() -> Shamir.split(secret(1), 3, 4, RANDOM))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Shamir.split(secret(1), 256, 2, RANDOM))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void combine_sameShareTwice_refused() {
    byte[][] split = Shamir.split(secret(2), 3, 2, RANDOM);
    assertThatThrownBy(() -> Shamir.combine(new int[] {1, 1}, new byte[][] {split[0], split[0]}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
