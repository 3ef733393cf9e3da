package io.ekms.kms.ekmclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.tls.LocalCa;
import io.ekms.kms.external.EkmUnavailable;
import io.ekms.kms.external.ExternalVault.Sealed;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The EKM going away, coming back, hanging and presenting a foreign certificate, with the default
 * timeouts (500 ms connect, 1 s read). How long a failure took is told by its cause (a refused
 * connection waits for no timeout) and by counting connection attempts, never by a stopwatch.
 */
class EkmClientFailureTest {
  static EkmClientWorld w;
  static EkmClients clients;
  static EkmClient client;

  @BeforeAll
  static void start() throws Exception {
    w = EkmClientWorld.start();
    // The fresh servers answer their first requests (code loaded, the EKM fetching the identity
    // server's keys) with patient timeouts, before the default ones apply to the tests.
    try (EkmClients patient =
        new EkmClients(EkmClientWorld.PATIENT, EkmClientWorld.LOOPBACK, List.of())) {
      patient.client(w.vaultUrl, w.caPem, w.oauth()).vault("req-warm-up");
    }
    clients = new EkmClients(EkmClientConfig.defaults(), EkmClientWorld.LOOPBACK, List.of());
    client = clients.client(w.vaultUrl, w.caPem, w.oauth());
  }

  @AfterAll
  static void stop() {
    clients.close();
    w.close();
  }

  @Test
  void call_ekmStopped_throwsUnreachableWithinBound() {
    client.vault("req-stop-0");
    w.stack.stopEkm();
    try {
      // Refused, so at once: no connect timeout is waited for, and none is retried.
      assertThatThrownBy(() -> client.encrypt("req-stop-1", w.keyId, null, new byte[] {1}, null))
          .isInstanceOf(EkmUnavailable.Unreachable.class)
          .hasMessageContaining("Encrypt (vault " + w.vaultId)
          .hasMessageContaining("is unreachable")
          .cause()
          .isInstanceOfSatisfying(
              TransportFailure.class,
              f -> assertThat(f.kind()).isEqualTo(TransportFailure.Kind.CONNECT_FAILED));
    } finally {
      w.stack.startEkm();
    }
  }

  @Test
  void call_ekmRestartedOnSamePort_nextCallWorksWithTheSameClient() {
    Sealed before = client.encrypt("req-rst-0", w.keyId, null, new byte[] {5}, null);
    w.stack.stopEkm();
    w.stack.startEkm();

    Sealed after = client.encrypt("req-rst-1", w.keyId, null, new byte[] {5}, null);
    try (SecretBytes opened =
        client.decrypt("req-rst-2", w.keyId, before.externalVersionId(), before, null)) {
      assertThat(opened.contentEquals(new byte[] {5})).isTrue();
    }
    assertThat(after.externalVersionId()).isEqualTo(before.externalVersionId());
  }

  @Test
  void call_caBundleOfAnotherCa_throwsTlsNotTrusted() {
    String foreignCa = LocalCa.create("some other CA").certificatePem();
    EkmClient untrusting = clients.client(w.vaultUrl, foreignCa, w.oauth());

    assertThatThrownBy(() -> untrusting.vault("req-tls-1"))
        .isInstanceOf(EkmUnavailable.TlsNotTrusted.class)
        .hasMessageContaining(
            "the EKM's certificate is not trusted by the private endpoint's CA bundle");
  }

  @Test
  void call_peerAcceptsTcpButNeverCompletesTls_retriesConnectOnceThenUnreachable()
      throws Exception {
    List<Socket> accepted = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = Thread.ofVirtual().start(() -> acceptSilently(silent, accepted));
      String url = "https://127.0.0.1:" + silent.getLocalPort() + "/oci/ekm/v1/vaults/vlt-silent";
      EkmClient hanging = clients.client(url, w.caPem, w.oauth());
      client.vault("req-silent-0"); // caches the token: only the EKM is connected to

      // Both attempts ended at the connect timeout (the handshake is never answered), counted
      // at the peer: two connections, the first attempt and the one retry.
      assertThatThrownBy(() -> hanging.vault("req-silent-1"))
          .isInstanceOf(EkmUnavailable.Unreachable.class)
          .hasMessageContaining("no connection could be made")
          .cause()
          .isInstanceOfSatisfying(
              TransportFailure.class,
              f -> assertThat(f.kind()).isEqualTo(TransportFailure.Kind.CONNECT_TIMEOUT));
      // Both connections are in the backlog already; the acceptor takes them (a minute is only a
      // guard against a hang: with a single attempt the second never comes).
      long guard = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (accepted.size() < 2 && acceptor.isAlive() && System.nanoTime() - guard < 0) {
        Thread.sleep(10);
      }
      assertThat(accepted).hasSize(2);
    } finally {
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  /** Accepts and holds every connection without a byte in answer, until the socket closes. */
  private static void acceptSilently(ServerSocket silent, List<Socket> accepted) {
    try {
      while (true) {
        accepted.add(silent.accept());
      }
    } catch (IOException e) {
      // closed at the end of the test
    }
  }
}
