package io.ekms.kms.ekmclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.tls.Pem;
import io.ekms.kms.ekmclient.TransportFailure.Kind;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** TLS checks the peer's certificate against the URL's host exactly as written. */
class TransportHostNamesTest {
  @Test
  void send_addressLiteralWithCertificateNamingOnlyAHostName_isRefusedAsNameMismatch()
      throws Exception {
    // 127.0.0.1 reverse-resolves to localhost here; the certificate names only localhost.
    try (ScriptedEkm ekm = new ScriptedEkm(List.of("localhost"), List.of());
        var executor = Executors.newVirtualThreadPerTaskExecutor();
        Transport transport = transport(ekm, executor)) {
      URI url = URI.create("https://127.0.0.1:" + ekm.port() + "/metadata");

      assertThatThrownBy(() -> transport.send(Outbound.to(url).get(), 1024, false))
          .isInstanceOfSatisfying(
              TransportFailure.class, f -> assertThat(f.kind()).isEqualTo(Kind.TLS_NAME_MISMATCH));
    }
  }

  @Test
  void send_addressLiteralNamedInTheCertificate_isAnswered() throws Exception {
    try (ScriptedEkm ekm = new ScriptedEkm(List.of(), List.of("127.0.0.1"));
        var executor = Executors.newVirtualThreadPerTaskExecutor();
        Transport transport = transport(ekm, executor)) {
      URI url = URI.create("https://127.0.0.1:" + ekm.port() + "/metadata");

      assertThat(transport.send(Outbound.to(url).get(), 1024, false).status()).isEqualTo(200);
    }
  }

  @Test
  void send_hostNameNamedInTheCertificate_isAnswered() throws Exception {
    try (ScriptedEkm ekm = new ScriptedEkm(List.of("localhost"), List.of());
        var executor = Executors.newVirtualThreadPerTaskExecutor();
        Transport transport = transport(ekm, executor)) {
      URI url = URI.create("https://localhost:" + ekm.port() + "/metadata");

      assertThat(transport.send(Outbound.to(url).get(), 1024, false).status()).isEqualTo(200);
    }
  }

  private static Transport transport(
      ScriptedEkm ekm, java.util.concurrent.ExecutorService executor) {
    return new Transport(
        Pem.certificates(ekm.caPem()),
        LoopbackClients.PATIENT,
        executor,
        LoopbackClients.DEADLINES,
        () -> {});
  }
}
