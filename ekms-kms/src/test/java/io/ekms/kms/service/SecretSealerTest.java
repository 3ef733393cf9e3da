package io.ekms.kms.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.crypto.Randoms;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SecretSealerTest {
  private static final String VAULT = "ocid1.vault.oc1..aaaa";
  private static final byte[] SECRET = "client-secret-value".getBytes(StandardCharsets.UTF_8);
  private final SecretSealer sealer = new SecretSealer(SecretBytes.adopt(Randoms.bytes(32)));

  @AfterEach
  void close() {
    sealer.close();
  }

  @Test
  void sealThenOpen_sameVault_givesTheSecretBack() {
    String sealed = sealer.seal(VAULT, SecretBytes.copyOf(SECRET));

    try (SecretBytes opened = sealer.open(VAULT, sealed)) {
      assertThat(opened.contentEquals(SECRET)).isTrue();
    }
    assertThat(sealed).doesNotContain("client-secret");
    assertThat(new String(Base64.getDecoder().decode(sealed), StandardCharsets.ISO_8859_1))
        .doesNotContain("client-secret");
  }

  @Test
  void seal_twice_differs() {
    assertThat(sealer.seal(VAULT, SecretBytes.copyOf(SECRET)))
        .isNotEqualTo(sealer.seal(VAULT, SecretBytes.copyOf(SECRET)));
  }

  @Test
  void open_sealedForAnotherVault_failsWithoutTheSecret() {
    String sealed = sealer.seal(VAULT, SecretBytes.copyOf(SECRET));

    assertThatThrownBy(() -> sealer.open("ocid1.vault.oc1..bbbb", sealed))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not open under this KMS master key")
        .hasMessageNotContaining("client-secret");
  }

  @Test
  void open_underAnotherMasterKey_fails() {
    String sealed = sealer.seal(VAULT, SecretBytes.copyOf(SECRET));

    try (SecretSealer other = new SecretSealer(SecretBytes.adopt(Randoms.bytes(32)))) {
      assertThatThrownBy(() -> other.open(VAULT, sealed)).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void open_damagedOrTruncated_fails() {
    byte[] raw = Base64.getDecoder().decode(sealer.seal(VAULT, SecretBytes.copyOf(SECRET)));
    byte[] flipped = raw.clone();
    flipped[flipped.length - 1] ^= 1;
    byte[] wrongVersion = raw.clone();
    wrongVersion[0] = 2;

    for (byte[] bad : new byte[][] {flipped, wrongVersion, java.util.Arrays.copyOf(raw, 20)}) {
      String b64 = Base64.getEncoder().encodeToString(bad);
      assertThatThrownBy(() -> sealer.open(VAULT, b64)).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void new_masterKeyNot32Bytes_isRefused() {
    assertThatThrownBy(() -> new SecretSealer(SecretBytes.adopt(new byte[16])))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
