package io.ekms.kms.ekmclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.kms.external.EkmUnavailable;
import io.ekms.kms.external.ExternalVault.VaultInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failover between the nodes of one private endpoint, against real HTTPS servers on loopback: a
 * node that answers 5xx, refuses connections, accepts and never answers, or holds its answer past
 * the read timeout is left for the next node, within one retry.
 */
class EkmFailoverTest {
  final TwoNodes nodes = new TwoNodes();

  @AfterEach
  void stop() {
    nodes.close();
  }

  @Test
  void call_firstNodeAnswers503_secondNodeAnswersWithTheSameRequestId() {
    nodes.a.then(503, "{\"code\":\"ServiceUnavailable\",\"message\":\"audit down\"}");
    nodes.b.then(200, TwoNodes.VAULT);

    VaultInfo info = nodes.client().vault("req-fo-1");

    assertThat(info.vendor()).isEqualTo("scripted");
    assertThat(nodes.a.seen())
        .singleElement()
        .extracting(ScriptedEkm.Seen::requestId)
        .isEqualTo("req-fo-1");
    assertThat(nodes.b.seen())
        .singleElement()
        .extracting(ScriptedEkm.Seen::requestId)
        .isEqualTo("req-fo-1");
    assertThat(nodes.b.seen().get(0).path()).isEqualTo(TwoNodes.PATH + "/metadata");
  }

  @Test
  void call_firstNodeRefusesConnections_secondNodeAnswers() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    nodes.b.then(200, TwoNodes.VAULT);

    VaultInfo info = nodes.client(closed, nodes.b.port()).vault("req-fo-2");

    assertThat(info.state()).isEqualTo("ACTIVE");
    assertThat(nodes.b.seen()).hasSize(1);
  }

  @Test
  void call_firstNodeAcceptsButNeverAnswers_oneConnectionThereThenSecondNodeAnswers()
      throws Exception {
    BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
    List<Socket> held = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual().start(() -> acceptSilently(silent, accepted));

      VaultInfo info = nodes.client(silent.getLocalPort(), nodes.b.port()).vault("req-fo-3");

      assertThat(info.state()).isEqualTo("ACTIVE");
      assertThat(nodes.b.seen()).hasSize(1);
      // The silent node got one connection: the retry went to the other node, not to it again.
      // A marker connection made now queues behind any the client made; once it is accepted,
      // everything before it has been counted.
      try (Socket marker = new Socket(InetAddress.getLoopbackAddress(), silent.getLocalPort())) {
        for (Socket s = accepted.take(); s.getPort() != marker.getLocalPort(); ) {
          held.add(s);
          s = accepted.take();
        }
      }
      assertThat(held).hasSize(1);
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void call_firstNodeHoldsItsAnswerPastTheReadTimeout_secondNodeAnswers() {
    CountDownLatch release = new CountDownLatch(1);
    nodes.a.then(ScriptedEkm.Reply.heldUntil(release));
    nodes.b.then(200, TwoNodes.VAULT);
    try {
      VaultInfo info = nodes.client().vault("req-fo-4");

      assertThat(info.vendor()).isEqualTo("scripted");
      assertThat(nodes.a.seen()).hasSize(1);
      assertThat(nodes.b.seen()).hasSize(1);
    } finally {
      release.countDown();
    }
  }

  @Test
  void call_bothNodesAnswer5xx_eachAskedOnceAndTheLastAnswerIsTheError() {
    nodes.a.then(503, "{}");
    nodes.b.then(502, "{}");

    assertThatThrownBy(() -> nodes.client().vault("req-fo-5"))
        .isInstanceOf(EkmUnavailable.ServerError.class)
        .hasMessageContaining("HTTP 502");
    assertThat(nodes.a.seen()).hasSize(1);
    assertThat(nodes.b.seen()).hasSize(1);
  }

  @Test
  void call_threeNodesFirstTwoUnreachable_failsAfterOneRetryWithoutAskingTheThird()
      throws IOException {
    int closed1;
    int closed2;
    try (ServerSocket s1 = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ServerSocket s2 = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed1 = s1.getLocalPort();
      closed2 = s2.getLocalPort();
    }

    assertThatThrownBy(() -> nodes.client(closed1, closed2, nodes.b.port()).vault("req-fo-6"))
        .isInstanceOf(EkmUnavailable.Unreachable.class)
        .hasMessageContaining("127.0.0.1:" + closed2)
        .satisfies(
            e ->
                assertThat(e.getSuppressed())
                    .singleElement()
                    .satisfies(s -> assertThat(s.getMessage()).contains("127.0.0.1:" + closed1)));
    assertThat(nodes.b.seen()).isEmpty();
  }

  /** Accepts and holds every connection without a byte in answer, until the socket closes. */
  private static void acceptSilently(ServerSocket silent, BlockingQueue<Socket> accepted) {
    try {
      while (true) {
        accepted.add(silent.accept());
      }
    } catch (IOException e) {
      // closed at the end of the test
    }
  }
}
