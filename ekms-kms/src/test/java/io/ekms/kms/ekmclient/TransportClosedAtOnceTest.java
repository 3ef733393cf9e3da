package io.ekms.kms.ekmclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.kms.ekmclient.TransportFailure.Kind;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * A server that completes the TLS handshake and then drops the connection at once, as a server
 * refusing a client certificate under TLS 1.3 does when the alert is lost to the reset: the
 * transport reports the refusal, not a lost connection.
 */
class TransportClosedAtOnceTest {

  @Test
  void send_serverResetsRightAfterHandshake_reportsClientCertificateRefused() throws Exception {
    CountDownLatch handshaken = new CountDownLatch(1);
    RawTlsPeer peer = new RawTlsPeer("closing");
    try (SSLServerSocket server = peer.server;
        var executor = Executors.newVirtualThreadPerTaskExecutor();
        Transport transport = peer.transport(LoopbackClients.PATIENT, executor)) {
      Thread.ofVirtual().start(() -> handshakeThenReset(server, handshaken));
      URI url = URI.create(peer.url("/metadata"));

      assertThatThrownBy(() -> transport.send(Outbound.to(url).get(), 1024, false))
          .isInstanceOfSatisfying(
              TransportFailure.class,
              f -> {
                assertThat(f.kind()).as(f.getMessage()).isEqualTo(Kind.TLS_CLIENT_REFUSED);
                assertThat(f.detail())
                    .startsWith(
                        "the connection was closed at once after the TLS handshake, in which the"
                            + " KMS presented no client certificate (");
              });
      assertThat(handshaken.getCount()).isZero();
    }
  }

  private static void handshakeThenReset(SSLServerSocket server, CountDownLatch handshaken) {
    try (SSLSocket socket = (SSLSocket) server.accept()) {
      socket.startHandshake();
      handshaken.countDown();
      socket.setSoLinger(true, 0); // a reset, not an orderly close
    } catch (IOException e) {
      // the test's assertion says what the client saw
    }
  }
}
