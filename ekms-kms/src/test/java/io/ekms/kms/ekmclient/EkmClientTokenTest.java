package io.ekms.kms.ekmclient;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.secret.SecretBytes;
import io.ekms.common.tls.Pem;
import io.ekms.kms.external.EkmRefused;
import io.ekms.kms.external.ExternalVault.VaultInfo;
import io.ekms.kms.external.IdentityFailure;
import io.ekms.testing.Await;
import java.net.ServerSocket;
import java.time.Duration;
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

/** Access tokens against the test issuer's real token endpoint, counted at the issuer. */
class EkmClientTokenTest {
  static EkmTestBed bed;

  @BeforeAll
  static void start() throws Exception {
    bed = new EkmTestBed();
  }

  @AfterAll
  static void stop() {
    bed.close();
  }

  @Test
  void calls_manyOnTwoVaultsOfOneClient_fetchOneToken() throws Exception {
    try (EkmClients clients = new EkmClients(EkmTestBed.PATIENT, EkmTestBed.LOOPBACK, List.of())) {
      EkmClient a = clients.client(bed.vaultUrl(), bed.caPem, bed.oauth());
      EkmClient b = clients.client(bed.vaultUrl(), bed.caPem, bed.oauth());
      int before = bed.issuer.tokenRequestCount();

      for (int i = 0; i < 5; i++) {
        a.vault("req-cache-a" + i);
        b.encrypt("req-cache-b" + i, bed.keyId, null, new byte[] {1}, null);
      }

      assertThat(bed.issuer.tokenRequestCount() - before).isEqualTo(1);
    }
  }

  @Test
  void calls_tokenReachesRefreshMargin_fetchANewToken() throws Exception {
    // Tokens live an hour and are refreshed 60 s before they expire: reused for 3,540 s of the
    // client's clock, which the test moves instead of sleeping.
    AccessTokensTest.MutableClock clock = new AccessTokensTest.MutableClock();
    try (EkmClients clients =
        new EkmClients(
            EkmTestBed.PATIENT,
            EkmTestBed.LOOPBACK,
            List.of(),
            Transports.DEFAULT_MAX,
            EkmClients.DEFAULT_MAX_VAULTS,
            clock)) {
      EkmClient client = clients.client(bed.vaultUrl(), bed.caPem, bed.oauth());
      int before = bed.issuer.tokenRequestCount();

      client.vault("req-refresh-1");
      clock.advance(sec(3540).minusMillis(1));
      client.vault("req-refresh-2");
      int early = bed.issuer.tokenRequestCount() - before;
      clock.advance(Duration.ofMillis(1));
      client.vault("req-refresh-3");

      assertThat(early).isEqualTo(1);
      assertThat(bed.issuer.tokenRequestCount() - before).isEqualTo(2);
    }
  }

  @Test
  void calls_manyThreadsNeedATokenAtOnce_fetchOne() throws Exception {
    CountDownLatch answer = new CountDownLatch(1);
    bed.issuer.holdTokens(answer);
    List<Thread> callers = new CopyOnWriteArrayList<>();
    AtomicInteger arrived = new AtomicInteger();
    try (EkmClients clients = new EkmClients(EkmTestBed.PATIENT, EkmTestBed.LOOPBACK, List.of());
        var pool = Executors.newThreadPerTaskExecutor(recordedIn(callers))) {
      EkmClient client = clients.client(bed.vaultUrl(), bed.caPem, bed.oauth());
      int before = bed.issuer.tokenRequestCount();
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
      // The race is seen, not hoped for: the issuer holds the one token request it got, and all
      // 16 callers are parked (one in that request, the rest waiting for it) before it answers.
      Await.until(
          "16 callers parked behind one token request",
          () ->
              bed.issuer.tokenRequestCount() - before >= 1
                  && arrived.get() == 16
                  && callers.size() == 16
                  && callers.stream().allMatch(EkmClientTokenTest::parked));
      answer.countDown();
      for (Future<VaultInfo> call : calls) {
        assertThat(call.get().state()).isEqualTo("ACTIVE");
      }

      assertThat(bed.issuer.tokenRequestCount() - before).isEqualTo(1);
    } finally {
      bed.issuer.holdTokens(null);
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
    try (EkmClients clients = new EkmClients(EkmTestBed.PATIENT, EkmTestBed.LOOPBACK, List.of())) {
      EkmClient client = clients.client(bed.vaultUrl(), bed.caPem, bed.oauth(wrong));

      assertThatThrownBy(() -> client.vault("req-wrong-secret"))
          .isInstanceOf(IdentityFailure.Rejected.class)
          .hasMessageContaining("client id or secret is wrong")
          .hasMessageContaining("invalid_client")
          .hasMessageContaining("client " + EkmTestBed.CLIENT)
          .hasMessageContaining(bed.issuer.issuer())
          .hasMessageNotContaining(wrong)
          .hasMessageNotContaining(bed.secret);
    }
  }

  @Test
  void call_ekmRejectsEveryToken_refetchesOnceThenThrowsNotAuthorized() {
    bed.issuer.registerClient("wrong-aud", "pw", "https://elsewhere.test/");
    OAuthClient oauth = oauth("wrong-aud", "https://elsewhere.test/", bed.issuer.issuer());
    try (EkmClients clients = new EkmClients(EkmTestBed.PATIENT, EkmTestBed.LOOPBACK, List.of())) {
      EkmClient client = clients.client(bed.vaultUrl(), bed.caPem, oauth);
      int before = bed.issuer.tokenRequestCount();

      assertThatThrownBy(() -> client.vault("req-401"))
          .isInstanceOf(EkmRefused.NotAuthorized.class)
          .hasMessageContaining("token refused")
          .hasMessageContaining("InvalidToken");
      assertThat(bed.issuer.tokenRequestCount() - before).isEqualTo(2);
    }
  }

  @Test
  void call_identityServerDown_throwsIdentityUnavailableQuickly() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    OAuthClient oauth =
        oauth(EkmTestBed.CLIENT, EkmTestBed.AUDIENCE, "https://127.0.0.1:" + closedPort);
    try (EkmClients clients = new EkmClients(EkmTestBed.PATIENT, EkmTestBed.LOOPBACK, List.of())) {
      EkmClient client = clients.client(bed.vaultUrl(), bed.caPem, oauth);

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
        new OAuthClient(
            bed.issuer.issuer(),
            EkmTestBed.CLIENT,
            SecretBytes.copyOf(bed.secret.getBytes(UTF_8)),
            EkmTestBed.AUDIENCE,
            bed.caCerts());
    try (EkmClients clients = new EkmClients(EkmTestBed.PATIENT, EkmTestBed.LOOPBACK, List.of())) {
      EkmClient client = clients.client(bed.vaultUrl(), bed.caPem, oauth);

      assertThatThrownBy(() -> client.vault("req-idp-tls"))
          .isInstanceOf(IdentityFailure.Unavailable.class)
          .hasMessageContaining("not trusted by the identity CA bundle");
    }
  }

  private static OAuthClient oauth(String clientId, String audience, String url) {
    String secret = clientId.equals(EkmTestBed.CLIENT) ? bed.secret : "pw";
    return new OAuthClient(
        url,
        clientId,
        SecretBytes.copyOf(secret.getBytes(UTF_8)),
        audience,
        Pem.certificates(bed.issuer.caPem()));
  }

  private static Duration sec(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  /** Waiting for something another thread will do (a latch, a future, an answer). */
  private static boolean parked(Thread t) {
    return t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING;
  }
}
