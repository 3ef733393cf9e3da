package io.ekms.ekm.auth.xks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.error.ApiException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SigV4SignerTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);
  private static final URI URI_ =
      URI.create("https://127.0.0.1:8443/xks/quickstart/kms/xks/v1/keys/k/encrypt");
  private static final byte[] BODY = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
  private static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA==";

  @Test
  void headers_verifiedWithTheSameSecret_yieldTheAccessKeyId() {
    Map<String, String> headers = sign(SECRET);
    assertThat(new SigV4Verifier(CLOCK).verify(signed(headers, BODY), this::key))
        .isEqualTo("AKIDQUICKSTART2345ABCDEFGH");
  }

  @Test
  void headers_bodyChangedAfterSigning_areRefused() {
    Map<String, String> headers = sign(SECRET);
    byte[] other = "{\"a\":2}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> new SigV4Verifier(CLOCK).verify(signed(headers, other), this::key))
        .isInstanceOf(ApiException.class)
        .hasMessage(SigV4Verifier.NOT_VERIFIED);
  }

  @Test
  void headers_signedWithAnotherSecret_areRefused() {
    Map<String, String> headers = sign(SECRET.replace('c', 'd'));
    assertThatThrownBy(() -> new SigV4Verifier(CLOCK).verify(signed(headers, BODY), this::key))
        .isInstanceOf(ApiException.class);
  }

  private static Map<String, String> sign(String secret) {
    try (SecretBytes s = SecretBytes.copyOf(secret.getBytes(StandardCharsets.UTF_8))) {
      return new SigV4Signer("AKIDQUICKSTART2345ABCDEFGH", s, "us-east-1", CLOCK)
          .headers(URI_, BODY);
    }
  }

  private Optional<byte[]> key(SigV4Verifier.Scope scope) {
    try (SecretBytes s = SecretBytes.copyOf(SECRET.getBytes(StandardCharsets.UTF_8))) {
      return Optional.of(SigV4Verifier.signingKey(s, scope));
    }
  }

  private static SigV4Verifier.Signed signed(Map<String, String> headers, byte[] body) {
    return new SigV4Verifier.Signed(
        "POST",
        URI_.getRawPath(),
        name ->
            switch (name) {
              case "host" -> List.of("127.0.0.1:8443");
              case "authorization" -> List.of(headers.get("Authorization"));
              case "x-amz-date" -> List.of(headers.get("X-Amz-Date"));
              case "content-type" -> List.of(headers.get("Content-Type"));
              default -> List.of();
            },
        body);
  }
}
