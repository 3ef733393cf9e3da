package io.ekms.kms.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PEM parsing and OCI fingerprints, against a vector frozen from openssl. */
public class PublicKeysTest {
  /**
   * Made with {@code openssl genrsa 2048 | openssl rsa -pubout}; its fingerprint with {@code
   * openssl rsa -pubin -in pub.pem -outform DER | openssl md5 -c}.
   */
  public static final String OPENSSL_PEM =
      """
      -----BEGIN PUBLIC KEY-----
      MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAp2443Oxio3TRBT2oi1ga
      F1pZx9ecNPtQ7XUIRBA2fnuWTrh1kKskZy4x7cJ+q6rzdoQzwzrzGUAeP5QXaTB0
      7zY1lrdomwsLWaiGskyE1aieycXKhI9SuVeozeDKk5rWS97313IzlEnWhgMSg5k/
      Ar6XUtYWMaZMGnuRjZ/P2dyRjFqx7eb6Bcui+O85Rxd+MGNdWArWNXljqrohen4i
      PN0/CEHC7sZQtrKcBJPpfVGS8gKXqyi/L0WS8Ox7pfP2SpRdbanCstK+pLqlSQOr
      cbRbVAufKAIh0/uUNg+p8l60L6vcusdnbDR1xQ3OgywmGME+og3PwphEmNtCtNDe
      MwIDAQAB
      -----END PUBLIC KEY-----
      """;

  public static final String OPENSSL_FINGERPRINT =
      "c2:49:33:b9:c3:e1:65:53:c1:6f:78:af:87:67:6b:94";

  @Test
  void fingerprint_opensslKey_matchesOpensslMd5() {
    RSAPublicKey key = PublicKeys.parsePem(OPENSSL_PEM);

    assertThat(PublicKeys.fingerprint(key)).isEqualTo(OPENSSL_FINGERPRINT);
  }

  @Test
  void toPem_opensslKey_reproducesOpensslPem() {
    assertThat(PublicKeys.toPem(PublicKeys.parsePem(OPENSSL_PEM))).isEqualTo(OPENSSL_PEM);
  }

  @Test
  void parsePem_crlfAndSurroundingWhitespace_accepted() {
    String messy = "\n  " + OPENSSL_PEM.replace("\n", "\r\n") + "\n\n";

    assertThat(PublicKeys.fingerprint(PublicKeys.parsePem(messy))).isEqualTo(OPENSSL_FINGERPRINT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not a key",
        "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n",
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
        "-----BEGIN RSA PUBLIC KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----\n",
      })
  void parsePem_garbage_isRefused(String pem) {
    assertThatThrownBy(() -> PublicKeys.parsePem(pem)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsePem_twoBlocks_isRefused() {
    assertThatThrownBy(() -> PublicKeys.parsePem(OPENSSL_PEM + OPENSSL_PEM))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsePem_oversized_isRefusedBeforeParsing() {
    String big = OPENSSL_PEM + " ".repeat(PublicKeys.MAX_PEM_CHARS);

    assertThatThrownBy(() -> PublicKeys.parsePem(big))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16 KiB");
  }

  @Test
  void parsePem_rsa1024_isRefused() {
    String pem = PublicKeys.toPem(TestKeys.rsa(1024).getPublic());

    assertThatThrownBy(() -> PublicKeys.parsePem(pem)).hasMessageContaining("2048 to 8192 bits");
  }

  @Test
  void parsePem_ecKey_isRefused() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    String pem = PublicKeys.toPem(ec.generateKeyPair().getPublic());

    assertThatThrownBy(() -> PublicKeys.parsePem(pem)).hasMessageContaining("RSA");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "C2:49:33:B9:C3:E1:65:53:C1:6F:78:AF:87:67:6B:94",
        "c24933b9c3e16553c16f78af87676b94",
        "c2:49:33:b9:c3:e1:65:53:c1:6f:78:af:87:67:6b",
        "c2:49:33:b9:c3:e1:65:53:c1:6f:78:af:87:67:6b:94:",
        "c2-49-33-b9-c3-e1-65-53-c1-6f-78-af-87-67-6b-94",
      })
  void isFingerprint_otherShapes_false(String s) {
    assertThat(PublicKeys.isFingerprint(s)).isFalse();
  }

  @Test
  void isFingerprint_opensslForm_true() {
    assertThat(PublicKeys.isFingerprint(OPENSSL_FINGERPRINT)).isTrue();
  }
}
