package io.ekms.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.secret.SecretFiles;
import io.ekms.common.tls.Pem;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PemTest {
  private static final LocalCa CA = LocalCa.create("pem test CA");
  private static final ServerIdentity SERVER =
      CA.issueServer("server", List.of("localhost"), List.of("127.0.0.1"));

  @Test
  void certificates_chainInOnePem_returnsAllInOrder() {
    String pem = PemWriter.encode(SERVER.chain().toArray());

    assertThat(pem).containsPattern("(?s)BEGIN CERTIFICATE.*BEGIN CERTIFICATE");
    assertThat(Pem.certificates(pem)).containsExactlyElementsOf(SERVER.chain());
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

  @Test
  void encode_privateKey_isPkcs8AndReadsBack() throws IOException {
    String pem = PemWriter.encode(SERVER.privateKey());

    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
    PrivateKey read = Pem.privateKey(pem);
    assertThat(read.getAlgorithm()).isEqualTo("EC");
    assertThat(read.getEncoded()).isEqualTo(SERVER.privateKey().getEncoded());
  }

  /** A throwaway key from {@code openssl ecparam -name prime256v1 -genkey -noout} (SEC 1). */
  private static final String OPENSSL_EC_KEY =
      """
      -----BEGIN EC PRIVATE KEY-----
      MHcCAQEEIMQaAAAOL7kegn4gubTPmB3wx53DOqLvUBHLMpjmBkmioAoGCCqGSM49
      AwEHoUQDQgAEFJ3gn2vgdG8qO9+enpI4UowL6tpDwbJtXlVrk+mi3QXl95p0sr8l
      Lr6P7Pxn9/BU7uBHHG4uu3D913cONPBYFg==
      -----END EC PRIVATE KEY-----
      """;

  @Test
  void privateKey_traditionalOpenSslEcKey_readsAsP256() throws IOException {
    PrivateKey key = Pem.privateKey(OPENSSL_EC_KEY);

    assertThat(key).isInstanceOf(ECPrivateKey.class);
    assertThat(((ECPrivateKey) key).getParams().getCurve().getField().getFieldSize())
        .isEqualTo(256);
  }

  @Test
  void privateKey_file_readsBack(@TempDir Path dir) throws IOException {
    Path file = SecretFiles.write(dir.resolve("key.pem"), PemWriter.encode(SERVER.privateKey()));

    assertThat(Pem.privateKey(file).getEncoded()).isEqualTo(SERVER.privateKey().getEncoded());
  }

  @Test
  void privateKey_pemWithoutKey_throwsIOException() {
    assertThatThrownBy(() -> Pem.privateKey(CA.certificatePem()))
        .isInstanceOf(IOException.class)
        .hasMessage("no unencrypted private key found in PEM");
    assertThatThrownBy(() -> Pem.privateKey(""))
        .isInstanceOf(IOException.class)
        .hasMessage("no unencrypted private key found in PEM");
  }
}
