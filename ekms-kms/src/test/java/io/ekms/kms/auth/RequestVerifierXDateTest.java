package io.ekms.kms.auth;

import static io.ekms.kms.auth.RequestVerifierTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.kms.auth.NotAuthenticatedException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code x-date}, which browsers send because they may not set {@code Date}. The OCI Java SDK never
 * signs it, so these requests are signed by hand, following the signing-string layout.
 */
class RequestVerifierXDateTest extends VerifierFixture {
  private static final String TARGET = "/20180608/vaults";

  @Test
  void verify_signedXDateInsteadOfDate_passes() {
    var headers = signedByHand("x-date (request-target) host", httpDate(NOW), null);

    assertThat(verify("GET", TARGET, headers, "").userId()).isEqualTo(alice.id());
  }

  @Test
  void verify_staleXDateWithFreshDate_isClockSkew() {
    var headers =
        signedByHand(
            "date x-date (request-target) host",
            httpDate(NOW.minus(Duration.ofMinutes(10))),
            httpDate(NOW));

    assertRefused(() -> verify("GET", TARGET, headers, ""), Reason.CLOCK_SKEW);
  }

  @Test
  void verify_neitherDateNorXDateSigned_isMissingSignedHeader() {
    var headers = signedByHand("(request-target) host", httpDate(NOW), httpDate(NOW));

    assertRefused(() -> verify("GET", TARGET, headers, ""), Reason.MISSING_SIGNED_HEADER);
  }

  @Test
  void verify_requestTargetNotSigned_isMissingSignedHeader() {
    var headers = signedByHand("x-date host", httpDate(NOW), null);

    assertRefused(() -> verify("GET", TARGET, headers, ""), Reason.MISSING_SIGNED_HEADER);
  }

  /** A GET of {@link #TARGET} by alice signing {@code signed}; null dates are left out. */
  private Map<String, List<String>> signedByHand(String signed, String xDate, String date) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("host", HOST);
    if (xDate != null) {
      values.put("x-date", xDate);
    }
    if (date != null) {
      values.put("date", date);
    }
    StringBuilder text = new StringBuilder();
    for (String name : signed.split(" ")) {
      text.append(text.isEmpty() ? "" : "\n").append(name).append(": ");
      text.append(name.equals("(request-target)") ? "get " + TARGET : values.get(name));
    }
    String keyId =
        alice.tenancyId()
            + "/"
            + alice.id()
            + "/"
            + PublicKeys.fingerprint(TestKeys.ALICE.getPublic());
    Map<String, List<String>> headers = new LinkedHashMap<>();
    values.forEach((name, value) -> headers.put(name, List.of(value)));
    headers.put(
        "authorization",
        List.of(
            "Signature version=\"1\",keyId=\"%s\",algorithm=\"rsa-sha256\",headers=\"%s\",signature=\"%s\""
                .formatted(keyId, signed, sign(text.toString()))));
    return headers;
  }

  private static String sign(String text) {
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(TestKeys.ALICE.getPrivate());
      rsa.update(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
