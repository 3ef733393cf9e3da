package io.ekms.common.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretBytesTest {
  private static final byte[] VALUE = "hunter2-correct-horse".getBytes(StandardCharsets.UTF_8);

  @Test
  void toString_always_isRedacted() {
    try (SecretBytes secret = SecretBytes.copyOf(VALUE)) {
      assertThat(secret.toString()).isEqualTo("[REDACTED]");
      assertThat(String.valueOf(secret)).doesNotContain("hunter2");
      assertThat("secret=" + secret).isEqualTo("secret=[REDACTED]");
    }
  }

  @Test
  void copyOf_callerChangesArray_secretKeepsValue() {
    byte[] source = VALUE.clone();
    try (SecretBytes secret = SecretBytes.copyOf(source)) {
      source[0] ^= 1;
      assertThat(secret.contentEquals(VALUE)).isTrue();
    }
  }

  @Test
  void reveal_reader_seesTheBytes() {
    try (SecretBytes secret = SecretBytes.copyOf(VALUE)) {
      String revealed = secret.reveal(b -> new String(b, StandardCharsets.UTF_8));
      assertThat(revealed).isEqualTo("hunter2-correct-horse");
      assertThat(secret.length()).isEqualTo(VALUE.length);
    }
  }

  @Test
  void copy_twice_returnsFreshArrays() {
    try (SecretBytes secret = SecretBytes.copyOf(VALUE)) {
      byte[] first = secret.copy();
      first[0] ^= 1;
      assertThat(secret.copy()).isEqualTo(VALUE).isNotSameAs(secret.copy());
    }
  }

  @Test
  void close_adoptedArray_isOverwrittenWithZeros() {
    byte[] owned = VALUE.clone();
    SecretBytes secret = SecretBytes.adopt(owned);

    secret.close();

    assertThat(owned).containsOnly((byte) 0).hasSize(VALUE.length);
  }

  @Test
  void close_thenRead_throwsIllegalState() {
    SecretBytes secret = SecretBytes.copyOf(VALUE);
    secret.close();
    secret.close(); // idempotent

    assertThatThrownBy(() -> secret.reveal(b -> b.length))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("secret was destroyed");
    assertThatThrownBy(secret::copy).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> secret.contentEquals(VALUE)).isInstanceOf(IllegalStateException.class);
    assertThat(secret.toString()).isEqualTo("[REDACTED]");
  }

  @Test
  void contentEquals_sameDifferentOrOtherLength_comparesContent() {
    try (SecretBytes secret = SecretBytes.copyOf(VALUE)) {
      byte[] different = VALUE.clone();
      different[different.length - 1] ^= 1;

      assertThat(secret.contentEquals(VALUE.clone())).isTrue();
      assertThat(secret.contentEquals(different)).isFalse();
      assertThat(secret.contentEquals(java.util.Arrays.copyOf(VALUE, VALUE.length - 1))).isFalse();
      assertThat(secret.contentEquals(new byte[0])).isFalse();
    }
  }

  @Test
  void equals_sameContent_isByIdentityOnly() {
    try (SecretBytes a = SecretBytes.copyOf(VALUE);
        SecretBytes b = SecretBytes.copyOf(VALUE)) {
      assertThat(a).isEqualTo(a).isNotEqualTo(b);
      Set<SecretBytes> set = new HashSet<>(Set.of(a, b));
      assertThat(set).hasSize(2);
      assertThat(a.hashCode()).isEqualTo(System.identityHashCode(a));
    }
  }
}
