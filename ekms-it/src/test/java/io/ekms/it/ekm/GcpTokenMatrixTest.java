package io.ekms.it.ekm;

import static io.ekms.it.ekm.GcpStore.KEY_PATH;
import static io.ekms.it.ekm.GcpStore.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.stack.LoopbackStack;
import io.ekms.testing.RawHttps;
import io.ekms.testing.TempDirs;
import io.ekms.testing.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which ID tokens the Cloud EKM API takes: one good token, and each way a token goes wrong. */
class GcpTokenMatrixTest {
  static LoopbackStack stack;
  static TestIssuer google;
  static GcpStore f;

  @BeforeAll
  static void start() throws Exception {
    stack = LoopbackStack.builder(TempDirs.create("gcp-tokens-")).start();
    google = TestIssuer.start();
    f = new GcpStore(EkmVault.ofIdentity(stack), google);
  }

  @AfterAll
  static void stop() {
    stack.close();
    google.close();
  }

  static RawHttps.Answer call(String token) throws Exception {
    return f.ekm.api.post(
        KEY_PATH + ":wrap",
        token,
        GcpStore.wrapBody("dek".getBytes(StandardCharsets.UTF_8), null, null));
  }

  @Test
  void googleShapedToken_accepted() throws Exception {
    assertThat(call(f.idToken().sign()).status()).isEqualTo(200);
  }

  @Test
  void emailInAnyCase_accepted() throws Exception {
    assertThat(call(f.idToken().claim("email", GcpStore.SA.toUpperCase()).sign()).status())
        .isEqualTo(200);
  }

  @Test
  void wrongIssuer_unauthenticated() throws Exception {
    expect(call(f.idToken().issuer("https://accounts.google.com").sign()), 401, 16);
  }

  @Test
  void wrongAudience_unauthenticated() throws Exception {
    expect(call(f.idToken().audience("https://elsewhere.example").sign()), 401, 16);
  }

  @Test
  void emailNotAllowed_permissionDenied() throws Exception {
    expect(
        call(f.idToken().claim("email", "intruder@example.iam.gserviceaccount.com").sign()),
        403,
        7);
  }

  @Test
  void emailUnverifiedOrMissing_unauthenticated() throws Exception {
    expect(call(f.idToken().claim("email_verified", false).sign()), 401, 16);
    expect(call(f.idToken().claim("email_verified", null).sign()), 401, 16);
    expect(call(f.idToken().claim("email", null).sign()), 401, 16);
  }

  @Test
  void expiredOrWithoutExpiryOrIssuedInTheFuture_unauthenticated() throws Exception {
    expect(
        call(
            f.idToken()
                .issuedAt(Instant.now().minus(Duration.ofHours(2)))
                .expiresIn(Duration.ofHours(1))
                .sign()),
        401,
        16);
    expect(call(f.idToken().expiresIn(null).sign()), 401, 16);
    expect(call(f.idToken().issuedAt(Instant.now().plus(Duration.ofHours(1))).sign()), 401, 16);
  }

  @Test
  void algorithmsOtherThanRs256_unauthenticated() throws Exception {
    expect(call(f.idToken().signEs256()), 401, 16);
    expect(call(f.idToken().unsigned()), 401, 16);
    expect(call(f.idToken().signHs256WithPublicKey()), 401, 16);
  }

  @Test
  void unknownKidOrUnpublishedKeyOrTamperedClaims_unauthenticated() throws Exception {
    expect(call(f.idToken().kid("no-such-kid").sign()), 401, 16);
    expect(call(f.idToken().signWithUnpublishedKey()), 401, 16);
    expect(call(f.idToken().signThenTamper("email", "someone@else.example")), 401, 16);
  }

  @Test
  void refusedTokens_neverEchoed() throws Exception {
    String token = f.idToken().audience("https://elsewhere.example").sign();
    assertThat(call(token).body().toString()).doesNotContain(token.split("\\.")[1]);
  }
}
