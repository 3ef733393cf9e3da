package io.ekms.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.tls.TrustBundle;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class TrustBundleTest {
  private static final LocalCa CA = LocalCa.create("trusted CA");
  private static final LocalCa OTHER_CA = LocalCa.create("trusted CA");
  private static final SSLContext SERVER =
      CA.issueServer("ekm", List.of("localhost", "ekm.internal"), List.of("127.0.0.1"))
          .sslContext();

  @Test
  void sslContext_serverFromTrustedCa_handshakesForEveryCertifiedName() throws Exception {
    SSLContext client = TrustBundle.sslContext(List.of(CA.certificate()));

    assertThat(TlsLoopback.exchange(SERVER, client, "127.0.0.1")).isEqualTo("pong TLSv1.3");
    assertThat(TlsLoopback.exchange(SERVER, client, "localhost")).startsWith("pong");
    assertThat(TlsLoopback.exchange(SERVER, client, "ekm.internal")).startsWith("pong");
  }

  @Test
  void sslContext_severalCas_trustsEach() throws Exception {
    SSLContext client = TrustBundle.sslContext(List.of(OTHER_CA.certificate(), CA.certificate()));

    assertThat(TlsLoopback.exchange(SERVER, client, "127.0.0.1")).startsWith("pong");
  }

  /** Same subject name, different key: trust follows the key, not the name. */
  @Test
  void sslContext_trustingAnotherCa_handshakeFails() {
    SSLContext client = TrustBundle.sslContext(List.of(OTHER_CA.certificate()));

    assertThatThrownBy(() -> TlsLoopback.exchange(SERVER, client, "127.0.0.1"))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void sslContext_nameNotInCertificate_handshakeFails() {
    SSLContext client = TrustBundle.sslContext(List.of(CA.certificate()));

    assertThatThrownBy(() -> TlsLoopback.exchange(SERVER, client, "evil.example"))
        .isInstanceOf(SSLHandshakeException.class);
    assertThatThrownBy(() -> TlsLoopback.exchange(SERVER, client, "127.0.0.2"))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void sslContext_noCas_refusedUpFront() {
    assertThatThrownBy(() -> TrustBundle.sslContext(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a trust bundle needs at least one CA certificate");
  }
}
