package io.ekms.kms.auth;

import static io.ekms.kms.auth.RequestVerifierTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oracle.bmc.http.signing.SigningStrategy;
import io.ekms.kms.auth.NotAuthenticatedException.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Refusals decided by the headers: what is signed, the date, the algorithm, the syntax. */
class RequestVerifierHeaderTest extends VerifierFixture {
  private static final String TARGET = "/20180608/vaults/ocid1.vault.oc1..abc";
  private static final String ENCRYPT = "/20180608/encrypt";

  @Test
  void verify_postSignedWithoutBodyHeaders_isMissingSignedHeader() {
    SdkSigner excludeBody =
        new SdkSigner(
            alice.tenancyId(),
            alice.id(),
            PublicKeys.fingerprint(TestKeys.ALICE.getPublic()),
            TestKeys.ALICE,
            SigningStrategy.EXCLUDE_BODY);
    var headers = signedPost(excludeBody, ENCRYPT);

    assertThat(authorization(headers)).contains("headers=\"date (request-target) host\"");
    assertRefused(() -> verify("POST", ENCRYPT, headers, JSON), Reason.MISSING_SIGNED_HEADER);
  }

  @Test
  void verify_signedHeaderAbsentFromRequest_isMissingSignedHeader() {
    var headers = signedGet(aliceSigner, TARGET, NOW);
    headers.remove("host");

    assertRefused(() -> verify("GET", TARGET, headers, ""), Reason.MISSING_SIGNED_HEADER);
  }

  @Test
  void verify_dateSixMinutesOld_isClockSkew() {
    var headers = signedGet(aliceSigner, TARGET, NOW.minus(Duration.ofMinutes(6)));

    assertRefused(() -> verify("GET", TARGET, headers, ""), Reason.CLOCK_SKEW);
  }

  @Test
  void verify_dateSixMinutesAhead_isClockSkew() {
    var headers = signedGet(aliceSigner, TARGET, NOW.plus(Duration.ofMinutes(6)));

    assertRefused(() -> verify("GET", TARGET, headers, ""), Reason.CLOCK_SKEW);
  }

  @ParameterizedTest
  @ValueSource(longs = {-300, 300})
  void verify_dateExactlyFiveMinutesOff_passes(long seconds) {
    var headers = signedGet(aliceSigner, TARGET, NOW.plusSeconds(seconds));

    assertThat(verify("GET", TARGET, headers, "").userId()).isEqualTo(alice.id());
  }

  @Test
  void verify_unreadableDate_isMalformed() {
    var headers = signedGet(aliceSigner, TARGET, NOW);
    var bad = with(headers, "date", "yesterday");

    assertRefused(() -> verify("GET", TARGET, bad, ""), Reason.MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"hmac-sha256", "rsa-sha1", "hs2019", "RSA-SHA256", ""})
  void verify_algorithmOtherThanRsaSha256_isUnsupportedAlgorithm(String algorithm) {
    var headers = signedGet(aliceSigner, TARGET, NOW);
    String changed =
        authorization(headers)
            .replace("algorithm=\"rsa-sha256\"", "algorithm=\"" + algorithm + "\"");

    assertRefused(
        () -> verify("GET", TARGET, with(headers, "authorization", changed), ""),
        Reason.UNSUPPORTED_ALGORITHM);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "garbage",
        "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln",
        "Signature",
        "Signature ",
        "Signature keyId=",
        "Signature keyId=\"a/b/c\"",
        "Signature version=\"1\",keyId=\"x\",algorithm=\"rsa-sha256\",headers=\"date\","
            + "signature=\"AAAA\"",
        "\u0000\u00ff\ufffd==",
      })
  void verify_garbageAuthorization_isMalformed(String garbage) {
    var headers = with(signedGet(aliceSigner, TARGET, NOW), "authorization", garbage);

    assertRefused(() -> verify("GET", TARGET, headers, ""), Reason.MALFORMED);
  }

  @Test
  void verify_repeatedSignedHeader_isMalformed() {
    var headers = signedGet(aliceSigner, TARGET, NOW);
    List<String> twice = new ArrayList<>(headers.get("date"));
    twice.add(httpDate(NOW));
    headers.put("date", twice);

    assertRefused(() -> verify("GET", TARGET, headers, ""), Reason.MALFORMED);
  }

  @Test
  void verify_twoAuthorizationHeaders_isMalformed() {
    var headers = signedGet(aliceSigner, TARGET, NOW);
    headers.put("authorization", List.of(authorization(headers), authorization(headers)));

    assertRefused(() -> verify("GET", TARGET, headers, ""), Reason.MALFORMED);
  }

  @Test
  void verify_headerNamesInAnyCase_passes() {
    var headers = signedGet(aliceSigner, TARGET, NOW);
    var shouted = new java.util.LinkedHashMap<String, List<String>>();
    headers.forEach((name, values) -> shouted.put(name.toUpperCase(java.util.Locale.ROOT), values));

    assertThat(verify("get", TARGET, shouted, "").userId()).isEqualTo(alice.id());
  }

  @Test
  void refusal_anyReason_neverEchoesTheSignature() {
    var headers = signedGet(aliceSigner, TARGET, NOW.minus(Duration.ofMinutes(6)));
    String auth = authorization(headers);
    String signature = auth.substring(auth.indexOf("signature=\"") + 11, auth.length() - 1);

    assertThatThrownBy(() -> verify("GET", TARGET, headers, ""))
        .isInstanceOfSatisfying(
            NotAuthenticatedException.class,
            e -> assertThat(e.getMessage()).doesNotContain(signature).doesNotContain(auth));
  }
}
