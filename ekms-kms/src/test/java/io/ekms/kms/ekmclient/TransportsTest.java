package io.ekms.kms.ekmclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.tls.Pem;
import io.ekms.kms.egress.EgressPolicy;
import io.ekms.kms.ekmclient.TransportFailure.Kind;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bounded pool of HTTP clients and the egress check before every request. */
class TransportsTest {
  final List<ScriptedEkm> ekms = new ArrayList<>();
  Transports transports;

  @AfterEach
  void close() {
    if (transports != null) {
      transports.close();
    }
    ekms.forEach(ScriptedEkm::close);
  }

  ScriptedEkm ekm() {
    ScriptedEkm ekm = new ScriptedEkm();
    ekms.add(ekm);
    return ekm;
  }

  static Outbound get(URI url) {
    return Outbound.to(url).get();
  }

  int send(ScriptedEkm ekm) throws TransportFailure {
    URI url = URI.create(ekm.vaultUrl() + "/metadata");
    var route = transports.route(Transports.Peer.EKM, url, Pem.certificates(ekm.caPem()));
    return transports.send(route, get(url), 1024).status();
  }

  @Test
  void send_moreOriginsThanTheBound_keepsOnlyTheMostRecentOpen() throws Exception {
    transports = new Transports(LoopbackClients.PATIENT, LoopbackClients.LOOPBACK, 2);
    ScriptedEkm first = ekm();

    for (ScriptedEkm ekm : List.of(first, ekm(), ekm())) {
      assertThat(send(ekm)).isEqualTo(200);
    }
    assertThat(transports.live()).isEqualTo(2);
    assertThat(send(first)).isEqualTo(200); // evicted, so connected anew
    assertThat(transports.live()).isEqualTo(2);
  }

  @Test
  void send_twelveClosedPorts_leavesNoHttpClientOpen() throws Exception {
    transports =
        new Transports(LoopbackClients.PATIENT, LoopbackClients.LOOPBACK, Transports.DEFAULT_MAX);
    String ca = ekm().caPem();

    for (int i = 0; i < 12; i++) {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      URI url = URI.create("https://127.0.0.1:" + port + "/v");
      var route = transports.route(Transports.Peer.EKM, url, Pem.certificates(ca));
      assertThatThrownBy(() -> transports.send(route, get(url), 1024))
          .isInstanceOfSatisfying(
              TransportFailure.class, f -> assertThat(f.kind()).isEqualTo(Kind.CONNECT_FAILED));
    }

    assertThat(transports.live()).isZero();
  }

  @Test
  void send_nameNowResolvingToMetadata_isNotAllowedAndNothingIsSent() throws Exception {
    AtomicReference<String> dns = new AtomicReference<>("127.0.0.1");
    EgressPolicy egress =
        new EgressPolicy(List.of(), List.of(), true, host -> InetAddress.getAllByName(dns.get()));
    transports = new Transports(LoopbackClients.PATIENT, egress, Transports.DEFAULT_MAX);
    ScriptedEkm ekm = ekm();
    URI url = URI.create(ekm.vaultUrl().replace("127.0.0.1", "localhost") + "/metadata");
    var route = transports.route(Transports.Peer.EKM, url, Pem.certificates(ekm.caPem()));
    assertThat(transports.send(route, get(url), 1024).status()).isEqualTo(200);

    dns.set("169.254.169.254");

    assertThatThrownBy(() -> transports.send(route, get(url), 1024))
        .isInstanceOfSatisfying(
            TransportFailure.class,
            f -> {
              assertThat(f.kind()).isEqualTo(Kind.NOT_ALLOWED);
              assertThat(f.detail()).contains("link-local");
            });
    assertThat(ekm.seen()).hasSize(1);
  }

  @Test
  void send_identityHostNotAllowed_isNotAllowedBeforeAnyClientIsMade() {
    transports =
        new Transports(LoopbackClients.PATIENT, LoopbackClients.LOOPBACK, Transports.DEFAULT_MAX);
    ScriptedEkm ekm = ekm();
    URI url = URI.create(ekm.vaultUrl().replace("127.0.0.1", "localhost"));
    var route = transports.route(Transports.Peer.IDENTITY, url, Pem.certificates(ekm.caPem()));

    assertThatThrownBy(() -> transports.send(route, get(url), 1024))
        .isInstanceOfSatisfying(
            TransportFailure.class, f -> assertThat(f.kind()).isEqualTo(Kind.NOT_ALLOWED));
    assertThat(transports.live()).isZero();
    assertThat(ekm.seen()).isEmpty();
  }
}
