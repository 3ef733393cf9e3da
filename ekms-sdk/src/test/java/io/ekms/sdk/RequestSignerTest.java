package io.ekms.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.kms.auth.NotAuthenticatedException;
import io.ekms.kms.auth.Principal;
import io.ekms.kms.auth.PublicKeyDirectory.RegisteredKey;
import io.ekms.kms.auth.RequestHeaders;
import io.ekms.kms.auth.RequestVerifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The signer against the KMS's own verifier, which checks what the server will check. */
class RequestSignerTest {
  static final String TENANCY = "ocid1.tenancy.oc1..aaaaaaaa";
  static final String USER = "ocid1.user.oc1..uuuuuuuu";
  static final String FINGERPRINT = "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T11:00:00Z"), ZoneOffset.UTC);
  static final KeyPair PAIR = rsa();
  final RequestSigner signer =
      new RequestSigner(new ApiKey(TENANCY, USER, FINGERPRINT, PAIR.getPrivate()), CLOCK);
  final RequestVerifier verifier =
      new RequestVerifier(
          id ->
              Optional.of(
                  new RegisteredKey(new Principal(TENANCY, USER, FINGERPRINT), PAIR.getPublic())),
          CLOCK);

  static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the server receives: the signer's headers plus host and content-length. */
  static RequestHeaders received(URI uri, Map<String, String> signed, byte[] body) {
    Map<String, List<String>> headers = new HashMap<>();
    signed.forEach((k, v) -> headers.put(k, List.of(v)));
    headers.put("host", List.of(RequestSigner.host(uri)));
    if (!body.equals(NO_BODY)) {
      headers.put("content-length", List.of(Integer.toString(body.length)));
    }
    return RequestHeaders.of(headers);
  }

  static final byte[] NO_BODY = new byte[0];

  @Test
  void sign_getWithQuery_verifiesAsTheUser() {
    URI uri =
        URI.create(
            "https://127.0.0.1:8443/20180608/vaults?compartmentId=ocid1.compartment.oc1..c&limit=100");
    Principal p =
        verifier.verify(
            "GET",
            "/20180608/vaults?compartmentId=ocid1.compartment.oc1..c&limit=100",
            received(uri, signer.sign("GET", uri, NO_BODY), NO_BODY),
            NO_BODY);
    assertThat(p.userId()).isEqualTo(USER);
  }

  @Test
  void sign_postWithBody_signsLengthTypeAndHash() {
    URI uri = URI.create("https://kms.example:443/kms/v/crypto/20180608/encrypt");
    byte[] body = "{\"keyId\":\"k\"}".getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = signer.sign("POST", uri, body);
    assertThat(headers.get("authorization"))
        .contains(
            "headers=\"date (request-target) host content-length content-type x-content-sha256\"")
        .contains("keyId=\"" + TENANCY + "/" + USER + "/" + FINGERPRINT + "\"");
    assertThat(RequestSigner.host(uri)).isEqualTo("kms.example");
    verifier.verify("POST", "/kms/v/crypto/20180608/encrypt", received(uri, headers, body), body);
  }

  @Test
  void sign_bodyChangedAfterSigning_isRefusedByTheVerifier() {
    URI uri = URI.create("https://127.0.0.1:9/20180608/keys");
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = signer.sign("POST", uri, body);
    byte[] other = "[]".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(
            () -> verifier.verify("POST", "/20180608/keys", received(uri, headers, other), other))
        .isInstanceOf(NotAuthenticatedException.class);
  }

  @Test
  void apiKey_toString_hidesThePrivateKey() {
    assertThat(new ApiKey(TENANCY, USER, FINGERPRINT, PAIR.getPrivate()).toString())
        .contains("[REDACTED]")
        .doesNotContain(PAIR.getPrivate().toString());
  }
}
