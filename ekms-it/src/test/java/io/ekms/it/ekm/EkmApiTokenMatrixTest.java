package io.ekms.it.ekm;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.stack.LoopbackStack;
import io.ekms.testing.TempDirs;
import io.ekms.testing.TestIssuer;
import io.ekms.testing.TestTokenBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad token, sent over HTTPS to the EKM API: 401 InvalidToken, audited. */
class EkmApiTokenMatrixTest {
  static LoopbackStack stack;
  static TestIssuer issuer;
  static EkmVault f;
  static TestIssuer stranger;

  @BeforeAll
  static void start() throws Exception {
    stack = LoopbackStack.builder(TempDirs.create("ekm-tokens-")).start();
    issuer = TestIssuer.start();
    f = EkmVault.ofIssuer(stack, issuer);
    stranger = TestIssuer.start();
  }

  @AfterAll
  static void stop() {
    stranger.close();
    stack.close();
    issuer.close();
  }

  static TestTokenBuilder good(TestIssuer issuer) {
    return issuer
        .token()
        .clientId(EkmVault.CLIENT)
        .audience(stack.ekmAudience())
        .scope("oci_ekms")
        .expiresIn(Duration.ofMinutes(5));
  }

  static Arguments bad(String name, Function<TestIssuer, String> token) {
    return Arguments.of(Named.of(name, token));
  }

  static Stream<Arguments> badTokens() {
    return Stream.of(
        bad("expired", i -> good(i).expiresIn(Duration.ofMinutes(-10)).sign()),
        bad("not yet valid", i -> good(i).notBefore(Instant.now().plusSeconds(600)).sign()),
        bad("wrong issuer", i -> good(stranger).sign()),
        bad("wrong audience", i -> good(i).audience("someone-else").sign()),
        bad("no oci_ekms scope", i -> good(i).scope("openid").sign()),
        bad("alg none", i -> good(i).unsigned()),
        bad("HS256 with the public key", i -> good(i).signHs256WithPublicKey()),
        bad("unknown kid", i -> good(i).kid("no-such-kid").sign()),
        bad("unpublished key", i -> good(i).signWithUnpublishedKey()),
        bad("tampered payload", i -> good(i).signThenTamper("client_id", EkmVault.CLIENT + "x")),
        bad("garbage", i -> "not-a-jwt"));
  }

  @ParameterizedTest
  @MethodSource("badTokens")
  void encrypt_badToken_is401InvalidToken(Function<TestIssuer, String> token) throws Exception {
    var answer =
        f.api.post(
            f.apiBase() + "/keys/" + f.keyId + "/encrypt",
            token.apply(issuer),
            java.util.Map.of("plaintext", "aGk="));
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.code()).isEqualTo("InvalidToken");
    assertThat(answer.body().path("message").asText()).doesNotContain("eyJ");
  }

  @Test
  void encrypt_otherClientsValidToken_is403() throws Exception {
    String token = good(issuer).clientId("another-client").sign();
    var answer =
        f.api.post(
            f.apiBase() + "/keys/" + f.keyId + "/encrypt",
            token,
            java.util.Map.of("plaintext", "aGk="));
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.code()).isEqualTo("ClientNotAuthorized");
  }
}
