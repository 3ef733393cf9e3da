package io.ekms.kms.ekmclient;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.secret.SecretBytes;
import io.ekms.common.tls.Pem;
import io.ekms.kms.external.EkmUnavailable;
import io.ekms.kms.external.ExternalVault.VaultInfo;
import io.ekms.testing.TestIssuer;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against a scripted EKM that hangs, refuses tokens, errs and answers badly. */
class EkmClientScriptedTest {
  static final String AUDIENCE = "https://scripted.test/";
  static TestIssuer issuer;
  static OAuthClient oauth;
  EkmClients clients =
      new EkmClients(EkmClientConfig.defaults(), LoopbackClients.LOOPBACK, List.of());
  ScriptedEkm ekm = new ScriptedEkm();

  @BeforeAll
  static void startIssuer() {
    issuer = TestIssuer.start();
    issuer.registerClient("kms", "pw", AUDIENCE);
    oauth =
        new OAuthClient(
            issuer.issuer(),
            "kms",
            SecretBytes.copyOf("pw".getBytes(UTF_8)),
            AUDIENCE,
            Pem.certificates(issuer.caPem()));
  }

  @AfterAll
  static void stopIssuer() {
    issuer.close();
  }

  @AfterEach
  void stop() {
    clients.close();
    ekm.close();
  }

  EkmClient client() {
    return clients.client(ekm.vaultUrl(), ekm.caPem(), oauth);
  }

  @Test
  void call_ekmNeverAnswers_throwsTimedOutAtTheReadTimeout() {
    CountDownLatch answer = new CountDownLatch(1);
    ekm.then(ScriptedEkm.Reply.heldUntil(answer)); // answers only once the test lets it
    EkmClient client = client();
    long start = System.nanoTime();

    // The EKM is still holding its answer, so only the client's own read timeout (1 s) can end
    // the call: the cause says it did, and the call took no less. No upper bound is timed.
    assertThatThrownBy(() -> client.vault("req-slow"))
        .isInstanceOf(EkmUnavailable.TimedOut.class)
        .hasMessageContaining("did not answer in time")
        .hasMessageContaining("within 1000 ms")
        .cause()
        .isInstanceOfSatisfying(
            TransportFailure.class,
            f -> assertThat(f.kind()).isEqualTo(TransportFailure.Kind.TIMED_OUT));
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(900)); // 1 s, less timer granularity
    answer.countDown();
    assertThat(ekm.seen()).hasSize(1); // a request that reached the EKM is not resent
  }

  @Test
  void call_ekmRefusesFirstToken_fetchesAFreshOneAndSucceeds() {
    ekm.then(401, "{\"code\":\"InvalidToken\",\"message\":\"expired\"}")
        .then(200, "{\"state\":\"ACTIVE\",\"vendor\":\"scripted\"}");
    int before = issuer.tokenRequestCount();

    VaultInfo vault = client().vault("req-retry");

    assertThat(vault.vendor()).isEqualTo("scripted");
    assertThat(issuer.tokenRequestCount() - before).isEqualTo(2);
    List<ScriptedEkm.Seen> seen = ekm.seen();
    assertThat(seen).hasSize(2);
    assertThat(seen.get(0).authorization()).startsWith("Bearer ");
    assertThat(seen.get(1).authorization()).isNotEqualTo(seen.get(0).authorization());
    assertThat(seen).extracting(ScriptedEkm.Seen::requestId).containsOnly("req-retry");
  }

  @Test
  void encrypt_requestOnTheWire_isTheDocumentedJson() {
    ekm.then(200, encryptAnswer("key-1", "kv-1", 3, 12, 16));

    client().encrypt("req-wire", "key-1", "kv-1", new byte[] {1, 2, 3}, new byte[] {9});

    ScriptedEkm.Seen request = ekm.seen().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/oci/ekm/v1/vaults/vlt-scripted/keys/key-1/encrypt");
    assertThat(request.body())
        .isEqualTo("{\"plaintext\":\"AQID\",\"aad\":\"CQ==\",\"keyVersionId\":\"kv-1\"}");
  }

  @Test
  void encrypt_answerWithShortIv_throwsMalformedAnswer() {
    ekm.then(200, encryptAnswer("key-1", "kv-1", 3, 8, 16));

    assertThatThrownBy(() -> client().encrypt("req-iv", "key-1", null, new byte[3], null))
        .isInstanceOf(EkmUnavailable.MalformedAnswer.class)
        .hasMessageContaining("Encrypt (vault vlt-scripted, key key-1)")
        .hasMessageContaining("'iv'");
  }

  @Test
  void call_serverError_throwsBusyWithCleanedEkmMessage() {
    String noisy = "HSM down\\n" + "x".repeat(500);
    ekm.then(503, "{\"code\":\"BackendUnavailable\",\"message\":\"" + noisy + "\"}");

    assertThatThrownBy(() -> client().vault("req-503"))
        .isInstanceOf(EkmUnavailable.Busy.class)
        .hasMessageContaining("failed with HTTP 503 (BackendUnavailable: HSM down")
        .hasMessageNotContaining("\n")
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(400));
  }

  @Test
  void call_hugeAnswer_throwsMalformedAnswer() {
    ekm.then(200, "{\"vendor\":\"" + "v".repeat(300_000) + "\"}");

    assertThatThrownBy(() -> client().vault("req-huge"))
        .isInstanceOf(EkmUnavailable.MalformedAnswer.class)
        .hasMessageContaining("larger than");
  }

  @Test
  void call_certificateForAnotherName_throwsTlsNotTrusted() {
    ekm.close();
    ekm = new ScriptedEkm(List.of("ekm.example"), List.of());

    assertThatThrownBy(() -> client().vault("req-name"))
        .isInstanceOf(EkmUnavailable.TlsNotTrusted.class)
        .hasMessageContaining("does not name 127.0.0.1");
  }

  static String encryptAnswer(String keyId, String version, int ct, int iv, int tag) {
    Base64.Encoder b64 = Base64.getEncoder();
    return "{\"ciphertext\":\""
        + b64.encodeToString(new byte[ct])
        + "\",\"iv\":\""
        + b64.encodeToString(new byte[iv])
        + "\",\"tag\":\""
        + b64.encodeToString(new byte[tag])
        + "\",\"mode\":\"AES_GCM\",\"keyId\":\""
        + keyId
        + "\",\"keyVersionId\":\""
        + version
        + "\"}";
  }
}
