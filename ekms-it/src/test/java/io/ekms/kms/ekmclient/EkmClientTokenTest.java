package io.ekms.kms.ekmclient;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.admin.client.IdentityAdmin;
import io.ekms.common.secret.SecretBytes;
import io.ekms.core.tls.LocalCa;
import io.ekms.identity.server.IdentityConfig;
import io.ekms.kms.external.EkmRefused;
import io.ekms.kms.external.ExternalVault.VaultInfo;
import io.ekms.kms.external.IdentityFailure;
import io.ekms.testing.Await;
import io.ekms.testing.MutableClock;
import java.net.ServerSocket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Access tokens from the stack's identity server, counted (and held) on their way there by a {@link
 * TokenGate} in front of its token endpoint.
 */
class EkmClientTokenTest {
  static EkmClientWorld w;
  static TokenGate gate;

  @BeforeAll
  static void start() throws Exception {
    w = EkmClientWorld.start(identity -> identity.tokens(new IdentityConfig.Tokens(3600, null)));
    gate = new TokenGate(w.stack.identityIssuer(), w.caCerts());
  }

  @AfterAll
  static void stop() {
    gate.close();
    w.close();
  }

  @Test
  void calls_manyOnTwoVaultsOfOneClient_fetchOneToken() throws Exception {
    try (EkmClients clients =
        new EkmClients(EkmClientWorld.PATIENT, EkmClientWorld.LOOPBACK, List.of())) {
      EkmClient a = clients.client(w.vaultUrl, w.caPem, gated(w.client));
      EkmClient b = clients.client(w.vaultUrl, w.caPem, gated(w.client));
      int before = gate.requests();

      for (int i = 0; i < 5; i++) {
        a.vault("req-cache-a" + i);
        b.encrypt("req-cache-b" + i, w.keyId, null, new byte[] {1}, null);
      }

      assertThat(gate.requests() - before).isEqualTo(1);
    }
  }

  @Test
  void calls_tokenReachesRefreshMargin_fetchANewToken() throws Exception {
    // Tokens live an hour and are refreshed 60 s before they expire: reused for 3,540 s of the
    // client's clock, which the test moves instead of sleeping.
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (EkmClients clients =
        new EkmClients(
            EkmClientWorld.PATIENT,
            EkmClientWorld.LOOPBACK,
            List.of(),
            Transports.DEFAULT_MAX,
            EkmClients.DEFAULT_MAX_VAULTS,
            clock)) {
      EkmClient client = clients.client(w.vaultUrl, w.caPem, gated(w.client));
      int before = gate.requests();

      client.vault("req-refresh-1");
      clock.advance(sec(3540).minusMillis(1));
      client.vault("req-refresh-2");
      int early = gate.requests() - before;
      clock.advance(Duration.ofMillis(1));
      client.vault("req-refresh-3");

      assertThat(early).isEqualTo(1);
      assertThat(gate.requests() - before).isEqualTo(2);
    }
  }

  @Test
  void calls_manyThreadsNeedATokenAtOnce_fetchOne() throws Exception {
    CountDownLatch answer = new CountDownLatch(1);
    gate.hold(answer);
    List<Thread> callers = new CopyOnWriteArrayList<>();
    AtomicInteger arrived = new AtomicInteger();
    try (EkmClients clients =
            new EkmClients(EkmClientWorld.PATIENT, EkmClientWorld.LOOPBACK, List.of());
        var pool = Executors.newThreadPerTaskExecutor(recordedIn(callers))) {
      EkmClient client = clients.client(w.vaultUrl, w.caPem, gated(w.client));
      int before = gate.requests();
      CountDownLatch go = new CountDownLatch(1);
      List<Future<VaultInfo>> calls = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        String id = "req-flight-" + i;
        calls.add(
            pool.submit(
                () -> {
                  go.await();
                  arrived.incrementAndGet();
                  return client.vault(id);
                }));
      }
      go.countDown();
      // The race is seen, not hoped for: the gate holds the one token request it got, and all
      // 16 callers are parked (one in that request, the rest waiting for it) before it answers.
      Await.until(
          "16 callers parked behind one token request",
          () ->
              gate.requests() - before >= 1
                  && arrived.get() == 16
                  && callers.size() == 16
                  && callers.stream().allMatch(EkmClientTokenTest::parked));
      answer.countDown();
      for (Future<VaultInfo> call : calls) {
        assertThat(call.get().state()).isEqualTo("ACTIVE");
      }

      assertThat(gate.requests() - before).isEqualTo(1);
    } finally {
      gate.hold(null);
    }
  }

  /** Virtual threads, each recorded in {@code threads} as it is made. */
  private static ThreadFactory recordedIn(List<Thread> threads) {
    return task -> {
      Thread t = Thread.ofVirtual().unstarted(task);
      threads.add(t);
      return t;
    };
  }

  @Test
  void call_wrongClientSecret_throwsRejectedInvalidClientWithoutTheSecret() {
    String wrong = "not-the-secret-" + System.nanoTime();
    try (EkmClients clients =
        new EkmClients(EkmClientWorld.PATIENT, EkmClientWorld.LOOPBACK, List.of())) {
      EkmClient client = clients.client(w.vaultUrl, w.caPem, w.oauth(wrong));

      assertThatThrownBy(() -> client.vault("req-wrong-secret"))
          .isInstanceOf(IdentityFailure.Rejected.class)
          .hasMessageContaining("client id or secret is wrong")
          .hasMessageContaining("invalid_client")
          .hasMessageContaining("client " + w.client.id())
          .hasMessageContaining(w.stack.identityIssuer())
          .hasMessageNotContaining(wrong)
          .hasMessageNotContaining(w.client.secret());
    }
  }

  @Test
  void call_ekmRejectsEveryToken_refetchesOnceThenThrowsNotAuthorized() {
    IdentityAdmin.Client elsewhere = w.newClient("wrong-aud", "https://elsewhere.test/");
    OAuthClient oauth = oauth(gate.url(), elsewhere, "https://elsewhere.test/", gate.trust());
    try (EkmClients clients =
        new EkmClients(EkmClientWorld.PATIENT, EkmClientWorld.LOOPBACK, List.of())) {
      EkmClient client = clients.client(w.vaultUrl, w.caPem, oauth);
      int before = gate.requests();

      assertThatThrownBy(() -> client.vault("req-401"))
          .isInstanceOf(EkmRefused.NotAuthorized.class)
          .hasMessageContaining("token refused")
          .hasMessageContaining("InvalidToken");
      assertThat(gate.requests() - before).isEqualTo(2);
    }
  }

  @Test
  void call_identityServerDown_throwsIdentityUnavailableQuickly() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    OAuthClient oauth =
        oauth("https://127.0.0.1:" + closedPort, w.client, w.stack.ekmAudience(), w.caCerts());
    try (EkmClients clients =
        new EkmClients(EkmClientWorld.PATIENT, EkmClientWorld.LOOPBACK, List.of())) {
      EkmClient client = clients.client(w.vaultUrl, w.caPem, oauth);

      // Quickly, by reason rather than by stopwatch: the connection was refused, so no connect
      // timeout was waited for and nothing was retried (only a connect timeout is).
      assertThatThrownBy(() -> client.vault("req-idp-down"))
          .isInstanceOf(IdentityFailure.Unavailable.class)
          .hasMessageContaining("is unreachable")
          .cause()
          .isInstanceOfSatisfying(
              TransportFailure.class,
              f -> assertThat(f.kind()).isEqualTo(TransportFailure.Kind.CONNECT_FAILED));
    }
  }

  @Test
  void call_identityCertificateFromAnotherCa_throwsIdentityUnavailableNotTrusted() {
    OAuthClient oauth =
        oauth(
            w.stack.identityIssuer(),
            w.client,
            w.stack.ekmAudience(),
            List.of(LocalCa.create("some other CA").certificate()));
    try (EkmClients clients =
        new EkmClients(EkmClientWorld.PATIENT, EkmClientWorld.LOOPBACK, List.of())) {
      EkmClient client = clients.client(w.vaultUrl, w.caPem, oauth);

      assertThatThrownBy(() -> client.vault("req-idp-tls"))
          .isInstanceOf(IdentityFailure.Unavailable.class)
          .hasMessageContaining("not trusted by the identity CA bundle");
    }
  }

  /** {@code client} of the stack's identity server, for the EKM, through the gate. */
  private static OAuthClient gated(IdentityAdmin.Client client) {
    return oauth(gate.url(), client, w.stack.ekmAudience(), gate.trust());
  }

  private static OAuthClient oauth(
      String url, IdentityAdmin.Client client, String audience, List<X509Certificate> trust) {
    return new OAuthClient(
        url, client.id(), SecretBytes.copyOf(client.secret().getBytes(UTF_8)), audience, trust);
  }

  private static Duration sec(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  /** Waiting for something another thread will do (a latch, a future, an answer). */
  private static boolean parked(Thread t) {
    return t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING;
  }
}
