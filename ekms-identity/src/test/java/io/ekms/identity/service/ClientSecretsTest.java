package io.ekms.identity.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.common.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClientSecretsTest {
  private static SecretBytes s(String value) {
    return SecretBytes.copyOf(value.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void newSecret_is256RandomBitsWithPrefix() {
    String secret = ClientSecrets.newSecret();

    assertThat(secret).matches("ekmscs_[0-9a-f]{64}");
    assertThat(ClientSecrets.newSecret()).isNotEqualTo(secret);
  }

  @Test
  void hash_isLowerHexSha256() {
    assertThat(ClientSecrets.hash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void matches_sameSecret_true() {
    String secret = ClientSecrets.newSecret();

    assertThat(ClientSecrets.matches(ClientSecrets.hash(secret), s(secret))).isTrue();
  }

  @Test
  void matches_anyDifference_false() {
    String secret = ClientSecrets.newSecret();
    String hash = ClientSecrets.hash(secret);

    assertThat(ClientSecrets.matches(hash, s(secret + "0"))).isFalse();
    assertThat(ClientSecrets.matches(hash, s(secret.substring(1)))).isFalse();
    assertThat(ClientSecrets.matches(hash, s(""))).isFalse();
    assertThat(ClientSecrets.matches(hash, s(hash))).isFalse();
  }

  @Test
  void matches_noClient_falseEvenForTheEmptySecret() {
    // The stand-in digest for "no such client" is SHA-256 of nothing; it must still never match.
    assertThat(ClientSecrets.matches(null, s(""))).isFalse();
    assertThat(ClientSecrets.matches(null, s("anything"))).isFalse();
  }
}
