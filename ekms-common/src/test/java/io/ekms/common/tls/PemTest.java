package io.ekms.common.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JDK-only PEM reader against files written by OpenSSL ({@code src/test/resources/pem}: keys
 * made for these tests and protecting nothing) and against tampered input.
 */
class PemTest {
  @Test
  void privateKey_rsaPkcs1_readsAsTheSameKeyAsItsPkcs8Form() throws IOException {
    PrivateKey pkcs1 = Pem.privateKey(fixture("rsa-pkcs1.pem"));
    PrivateKey pkcs8 = Pem.privateKey(fixture("rsa-pkcs8.pem"));

    assertThat(pkcs1).isInstanceOf(RSAPrivateCrtKey.class);
    assertThat(pkcs1.getEncoded()).isEqualTo(pkcs8.getEncoded());
  }

  @Test
  void privateKey_ecSec1_readsAsTheSameKeyAsItsPkcs8Form() throws IOException {
    PrivateKey sec1 = Pem.privateKey(fixture("ec-sec1.pem"));
    PrivateKey pkcs8 = Pem.privateKey(fixture("ec-pkcs8.pem"));

    assertThat(((ECPrivateKey) sec1).getParams().getCurve().getField().getFieldSize())
        .isEqualTo(384);
    assertThat(((ECPrivateKey) sec1).getS()).isEqualTo(((ECPrivateKey) pkcs8).getS());
  }

  @Test
  void privateKey_jdkGeneratedPkcs8AfterACertificate_readsTheKey() throws Exception {
    var generator = KeyPairGenerator.getInstance("EC");
    PrivateKey key = generator.generateKeyPair().getPrivate();
    String pem = fixture("cert.pem") + block("PRIVATE KEY", key.getEncoded());

    assertThat(Pem.privateKey(pem).getEncoded()).isEqualTo(key.getEncoded());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ec-encrypted.pem", "ec-sec1-encrypted.pem"})
  void privateKey_encrypted_refusedSayingSo(String file) {
    assertThatThrownBy(() -> Pem.privateKey(fixture(file)))
        .isInstanceOf(IOException.class)
        .hasMessage("encrypted private keys are not supported; decrypt it first");
  }

  @Test
  void privateKey_everyTruncationOrBitFlip_isIOExceptionWithoutContent() throws IOException {
    byte[] der = Base64.getMimeDecoder().decode(body(fixture("ec-sec1.pem")));
    for (int cut = 0; cut < der.length; cut++) {
      byte[] truncated = java.util.Arrays.copyOf(der, cut);
      assertRefused(block("EC PRIVATE KEY", truncated));
    }
    // The structure before the private scalar: any change to it breaks the encoding.
    for (int i = 0; i < 8; i++) {
      byte[] flipped = der.clone();
      flipped[i] ^= (byte) 0x80;
      assertRefused(block("EC PRIVATE KEY", flipped));
    }
  }

  @Test
  void privateKey_notBase64OrNoKeyOrOversized_isIOException() {
    assertRefused("-----BEGIN PRIVATE KEY-----\n%%%%\n-----END PRIVATE KEY-----\n");
    assertThatThrownBy(() -> Pem.privateKey(fixture("cert.pem")))
        .isInstanceOf(IOException.class)
        .hasMessage("no unencrypted private key found in PEM");
    assertThatThrownBy(() -> Pem.privateKey("x".repeat(Pem.MAX_CHARS + 1)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("larger than");
  }

  @Test
  void certificates_openSslCertificate_readsItsSubject() throws IOException {
    assertThat(Pem.certificates(fixture("cert.pem")))
        .singleElement()
        .satisfies(c -> assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=fixture"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "hello", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"})
  void certificates_noValidCertificate_throwsIllegalArgument(String pem) {
    assertThatThrownBy(() -> Pem.certificates(pem))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("certificate")
        .hasNoCause();
  }

  private static void assertRefused(String pem) {
    assertThatThrownBy(() -> Pem.privateKey(pem))
        .isInstanceOf(IOException.class)
        .hasNoCause()
        .hasMessageMatching(
            "PEM block [A-Z ]+ is not (valid Base64|a valid private key)"
                + "|no unencrypted private key found in PEM");
  }

  private static String block(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  private static String body(String pem) {
    return pem.replaceAll("-----[A-Z ]+-----", "").strip();
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in = PemTest.class.getResourceAsStream("/pem/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
