package io.ekms.kms.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.kms.auth.NotAuthenticatedException.Reason;
import io.ekms.kms.domain.ApiKey;
import io.ekms.kms.domain.User;
import io.ekms.kms.service.DatabaseKeyDirectory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Requests signed by the OCI Java SDK pass; every tampering is refused with its reason. */
class RequestVerifierTest extends VerifierFixture {
  private static final String LIST = "/20180608/keys?compartmentId=" + TestKeys.COMPARTMENT;
  private static final String ENCRYPT = "/20180608/encrypt";

  @Test
  void verify_sdkSignedGet_answersPrincipal() {
    Principal p = verify("GET", LIST, signedGet(aliceSigner, LIST, NOW), "");

    assertThat(p)
        .isEqualTo(
            new Principal(
                alice.tenancyId(), alice.id(), PublicKeys.fingerprint(TestKeys.ALICE.getPublic())));
  }

  @Test
  void verify_sdkSignedPost_answersPrincipal() {
    Principal p = verify("POST", ENCRYPT, signedPost(aliceSigner, ENCRYPT), JSON);

    assertThat(p.userId()).isEqualTo(alice.id());
  }

  @Test
  void verify_secondKeyOfSameUser_answersThatKey() {
    SdkSigner second = signer(alice, TestKeys.ALICE_SECOND);

    Principal p = verify("POST", ENCRYPT, signedPost(second, ENCRYPT), JSON);

    assertThat(p.keyFingerprint())
        .isEqualTo(PublicKeys.fingerprint(TestKeys.ALICE_SECOND.getPublic()));
  }

  @Test
  void verify_sdkGeneratedDateAgainstSystemClock_passes() {
    RequestVerifier live = new RequestVerifier(new DatabaseKeyDirectory(db), Clock.systemUTC());
    var headers = aliceSigner.sign("GET", URI.create(BASE + LIST), Map.of(), null);

    Principal p = live.verify("GET", LIST, RequestHeaders.of(headers), new byte[0]);

    assertThat(p.userId()).isEqualTo(alice.id());
  }

  @Test
  void verify_noAuthorizationHeader_isMissing() {
    var headers = signedGet(aliceSigner, LIST, NOW);
    headers.remove("authorization");

    assertRefused(() -> verify("GET", LIST, headers, ""), Reason.MISSING);
  }

  @Test
  void verify_otherUsersKeyUnderOwnKeyId_isUnknownKey() {
    SdkSigner wrong =
        new SdkSigner(
            alice.tenancyId(),
            alice.id(),
            PublicKeys.fingerprint(TestKeys.BOB.getPublic()),
            TestKeys.BOB);

    assertRefused(() -> verify("GET", LIST, signedGet(wrong, LIST, NOW), ""), Reason.UNKNOWN_KEY);
  }

  @Test
  void verify_otherUsersPrivateKeyUnderOwnFingerprint_isBadSignature() {
    SdkSigner forger =
        new SdkSigner(
            alice.tenancyId(),
            alice.id(),
            PublicKeys.fingerprint(TestKeys.ALICE.getPublic()),
            TestKeys.BOB);

    assertRefused(
        () -> verify("GET", LIST, signedGet(forger, LIST, NOW), ""), Reason.BAD_SIGNATURE);
  }

  @Test
  void verify_unregisteredFingerprint_isUnknownKey() {
    SdkSigner stranger = signer(alice, TestKeys.STRANGER);

    assertRefused(
        () -> verify("GET", LIST, signedGet(stranger, LIST, NOW), ""), Reason.UNKNOWN_KEY);
  }

  @Test
  void verify_keyIdInOtherTenancy_isUnknownKey() {
    SdkSigner elsewhere =
        new SdkSigner(
            TestKeys.OTHER_TENANCY,
            alice.id(),
            PublicKeys.fingerprint(TestKeys.ALICE.getPublic()),
            TestKeys.ALICE);

    assertRefused(
        () -> verify("GET", LIST, signedGet(elsewhere, LIST, NOW), ""), Reason.UNKNOWN_KEY);
  }

  @Test
  void verify_removedKey_isUnknownKeyOnNextRequest() {
    User carol = admin.createUser(ADMIN, TestKeys.TENANCY, "carol");
    ApiKey key = admin.addKey(ADMIN, carol.id(), PublicKeys.toPem(TestKeys.ALICE.getPublic()));
    var headers = signedGet(signer(carol, TestKeys.ALICE), LIST, NOW);
    verify("GET", LIST, headers, "");

    admin.removeKey(ADMIN, carol.id(), key.fingerprint());

    assertRefused(() -> verify("GET", LIST, headers, ""), Reason.UNKNOWN_KEY);
  }

  @Test
  void verify_tamperedBody_isBodyHashMismatch() {
    var headers = signedPost(aliceSigner, ENCRYPT);
    String tampered = JSON.replace("aGVsbG8=", "aGVsbG9=");

    assertRefused(() -> verify("POST", ENCRYPT, headers, tampered), Reason.BODY_HASH_MISMATCH);
  }

  @Test
  void verify_bodyLongerThanContentLength_isContentLengthMismatch() {
    var headers = signedPost(aliceSigner, ENCRYPT);

    assertRefused(
        () -> verify("POST", ENCRYPT, headers, JSON + " "), Reason.CONTENT_LENGTH_MISMATCH);
  }

  @Test
  void verify_rehashedBodyWithOriginalSignature_isBadSignature() {
    var headers = signedPost(aliceSigner, ENCRYPT);
    String tampered = JSON.replace("aGVsbG8=", "aGVsbG9=");
    var rehashed = with(headers, "x-content-sha256", sha256Base64(tampered));

    assertRefused(() -> verify("POST", ENCRYPT, rehashed, tampered), Reason.BAD_SIGNATURE);
  }

  @Test
  void verify_alteredPath_isBadSignature() {
    var headers = signedGet(aliceSigner, LIST, NOW);

    assertRefused(
        () -> verify("GET", LIST.replace("/keys", "/vaults"), headers, ""), Reason.BAD_SIGNATURE);
  }

  @Test
  void verify_alteredQuery_isBadSignature() {
    var headers = signedGet(aliceSigner, LIST, NOW);
    String other = "/20180608/keys?compartmentId=" + TestKeys.OTHER_COMPARTMENT;

    assertRefused(() -> verify("GET", other, headers, ""), Reason.BAD_SIGNATURE);
  }

  @Test
  void verify_alteredMethod_isBadSignature() {
    var headers = signedGet(aliceSigner, LIST, NOW);

    assertRefused(() -> verify("DELETE", LIST, headers, ""), Reason.BAD_SIGNATURE);
  }

  @Test
  void verify_alteredHost_isBadSignature() {
    var headers = with(signedGet(aliceSigner, LIST, NOW), "host", "evil.example.test");

    assertRefused(() -> verify("GET", LIST, headers, ""), Reason.BAD_SIGNATURE);
  }

  static String sha256Base64(String body) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(body.getBytes(StandardCharsets.UTF_8));
      return java.util.Base64.getEncoder().encodeToString(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static void assertRefused(ThrowingCallable call, Reason reason) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            NotAuthenticatedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
