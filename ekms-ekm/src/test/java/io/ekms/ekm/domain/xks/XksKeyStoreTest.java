package io.ekms.ekm.domain.xks;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.common.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link XksKeyStore#validSecret}: the form of an AWS secret access key, read as bytes. */
class XksKeyStoreTest {
  private static boolean valid(String text) {
    try (SecretBytes secret = SecretBytes.copyOf(text.getBytes(StandardCharsets.UTF_8))) {
      return XksKeyStore.validSecret(secret);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ", // 43, the shortest
        "0123456789+/=0123456789+/=0123456789+/=0123456789+/=0123456789+/", // 64, the longest
      })
  void validSecret_43To64OfTheBase64Alphabet_isTrue(String secret) {
    assertThat(valid(secret)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP", // 42
        "0123456789+/=0123456789+/=0123456789+/=0123456789+/=0123456789+/A", // 65
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP-", // '-' is not in the alphabet
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP ", // nor is a space
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOé", // nor anything beyond ASCII
      })
  void validSecret_otherwise_isFalse(String secret) {
    assertThat(valid(secret)).isFalse();
  }

  @Test
  void validSecret_absent_isFalse() {
    assertThat(XksKeyStore.validSecret(null)).isFalse();
  }
}
