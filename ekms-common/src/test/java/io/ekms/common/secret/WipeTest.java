package io.ekms.common.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class WipeTest {
  @Test
  void bytes_severalArraysAndNulls_zeroesEveryArray() {
    byte[] first = {1, 2, 3};
    byte[] second = {(byte) 0xff};

    Wipe.bytes(first, null, second);

    assertThat(first).containsExactly(0, 0, 0);
    assertThat(second).containsExactly(0);
  }

  @Test
  void bytes_nothing_doesNothing() {
    assertThatCode(() -> Wipe.bytes()).doesNotThrowAnyException();
    assertThatCode(() -> Wipe.bytes((byte[]) null)).doesNotThrowAnyException();
  }

  @Test
  void chars_array_isZeroed() {
    char[] password = "correct horse".toCharArray();

    Wipe.chars(password);

    assertThat(password).hasSize(13).containsOnly('\0');
  }

  @Test
  void chars_null_doesNothing() {
    assertThatCode(() -> Wipe.chars(null)).doesNotThrowAnyException();
  }
}
