package io.ekms.ekm.auth.xks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.error.ApiException;
import io.ekms.ekm.domain.xks.XksError;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A frozen request signed by curl 7.88.1 ({@code --aws-sigv4 aws:amz:us-east-1:kms-xks-proxy --user
 * AKIAEKMSXKSTESTONE234:secret}), captured on the wire; the verifier must accept exactly it.
 */
class SigV4VerifierTest {
  static final String AKID = "AKIAEKMSXKSTESTONE234";
  static final String PATH = "/aws/ks1/kms/xks/v1/health";
  static final byte[] BODY = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
  static final Instant SIGNED_AT = Instant.parse("2026-11-28T11:26:19Z");
  static final String AUTH =
      "AWS4-HMAC-SHA256 Credential=AKIAEKMSXKSTESTONE234/20261128/us-east-1/kms-xks-proxy/"
          + "aws4_request, SignedHeaders=content-type;host;x-amz-date, "
          + "Signature=8825ead2c56409e592ea7e638a90551fbc4fe174c80f10c83fc0affebe6de7dc";

  static Map<String, List<String>> headers() {
    Map<String, List<String>> h = new HashMap<>();
    h.put("host", List.of("127.0.0.1:18777"));
    h.put("authorization", List.of(AUTH));
    h.put("x-amz-date", List.of("20261128T112619Z"));
    h.put("content-type", List.of("application/json"));
    h.put("user-agent", List.of("curl/7.88.1"));
    return h;
  }

  static String verify(Map<String, List<String>> h, String path, byte[] body, Instant now) {
    SigV4Verifier v = new SigV4Verifier(Clock.fixed(now, ZoneOffset.UTC));
    return v.verify(
        new SigV4Verifier.Signed("POST", path, n -> h.getOrDefault(n, List.of()), body),
        scope ->
            scope.accessKeyId().equals(AKID)
                ? Optional.of(
                    SigV4Verifier.signingKey(
                        SecretBytes.copyOf("secret".getBytes(StandardCharsets.US_ASCII)), scope))
                : Optional.empty());
  }

  static void rejected(Map<String, List<String>> h, String path, byte[] body, Instant now) {
    assertThatThrownBy(() -> verify(h, path, body, now))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.errorCode()).isEqualTo(XksError.AUTHENTICATION_FAILED));
  }

  @Test
  void verify_curlSignedRequest_returnsAccessKeyId() {
    assertThat(verify(headers(), PATH, BODY, SIGNED_AT.plusSeconds(299))).isEqualTo(AKID);
    assertThat(verify(headers(), PATH, BODY, SIGNED_AT.minusSeconds(299))).isEqualTo(AKID);
  }

  @Test
  void verify_moreThanFiveMinutesSkew_rejected() {
    rejected(headers(), PATH, BODY, SIGNED_AT.plusSeconds(301));
    rejected(headers(), PATH, BODY, SIGNED_AT.minusSeconds(301));
  }

  @Test
  void verify_anySignedPartChanged_rejected() {
    rejected(headers(), "/aws/ks2/kms/xks/v1/health", BODY, SIGNED_AT);
    rejected(headers(), PATH, "{\"a\":2}".getBytes(StandardCharsets.UTF_8), SIGNED_AT);
    var h = headers();
    h.put("content-type", List.of("text/plain"));
    rejected(h, PATH, BODY, SIGNED_AT);
    h = headers();
    h.put("host", List.of("evil.example:18777"));
    rejected(h, PATH, BODY, SIGNED_AT);
  }

  @Test
  void verify_unsignedHeaderChanged_stillAccepted() {
    var h = headers();
    h.put("user-agent", List.of("something else"));
    assertThat(verify(h, PATH, BODY, SIGNED_AT)).isEqualTo(AKID);
  }

  @Test
  void verify_malformedOrUnknownCredential_rejected() {
    var h = headers();
    h.put("authorization", List.of(AUTH.replace(AKID, "AKIAEKMSXKSTESTTWO567")));
    rejected(h, PATH, BODY, SIGNED_AT);
    h.put("authorization", List.of(AUTH.replace("kms-xks-proxy", "s3")));
    rejected(h, PATH, BODY, SIGNED_AT);
    h.put("authorization", List.of("Bearer abc"));
    rejected(h, PATH, BODY, SIGNED_AT);
    h.put("authorization", List.of(AUTH.replace("SignedHeaders=content-type;", "SignedHeaders=")));
    rejected(h, PATH, BODY, SIGNED_AT);
    h = headers();
    h.remove("x-amz-date");
    rejected(h, PATH, BODY, SIGNED_AT);
  }

  @Test
  void verify_unknownKeyIdOrWrongSignature_failSameWay() {
    var unknown = headers();
    unknown.put("authorization", List.of(AUTH.replace(AKID, "AKIAEKMSXKSTESTTWO567")));
    var wrongSignature = headers();
    wrongSignature.put("authorization", List.of(AUTH.replace("Signature=8", "Signature=9")));
    ApiException unknownKey = failure(unknown);
    ApiException badSignature = failure(wrongSignature);
    assertThat(unknownKey.status()).isEqualTo(badSignature.status()).isEqualTo(401);
    assertThat(unknownKey.errorCode()).isEqualTo(badSignature.errorCode());
    assertThat(unknownKey.getMessage())
        .isEqualTo(badSignature.getMessage())
        .isEqualTo(SigV4Verifier.NOT_VERIFIED);
  }

  private static ApiException failure(Map<String, List<String>> h) {
    try {
      verify(h, PATH, BODY, SIGNED_AT);
    } catch (ApiException e) {
      return e;
    }
    throw new AssertionError("the request was accepted");
  }
}
