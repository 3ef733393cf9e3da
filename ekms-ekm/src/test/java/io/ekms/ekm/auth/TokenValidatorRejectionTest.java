package io.ekms.ekm.auth;

import static io.ekms.ekm.auth.TokenValidatorTest.AUDIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ekms.ekm.auth.TokenRejectedException.Reason;
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

/** The token matrix: every bad token is refused with its own reason and a message without it. */
class TokenValidatorRejectionTest {
  private static TestIssuer trusted;
  private static TestIssuer untrusted;
  private static TokenValidator validator;

  @BeforeAll
  static void start() {
    trusted = TestIssuer.start();
    untrusted = TestIssuer.start();
    validator =
        TokenValidatorTest.validatorFor(
            TokenValidatorTest.byJwksUri(trusted), Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() {
    validator.close();
    trusted.close();
    untrusted.close();
  }

  static Stream<Arguments> badTokens() {
    return Stream.of(
        bad("expired", t -> t.expiresIn(Duration.ofMinutes(-2)).sign(), Reason.EXPIRED),
        bad("no exp", t -> t.expiresIn(null).sign(), Reason.MALFORMED),
        bad("nbf in future", t -> t.notBefore(later()).sign(), Reason.NOT_YET_VALID),
        bad("iat in future", t -> t.issuedAt(later()).sign(), Reason.NOT_YET_VALID),
        bad("wrong audience", t -> t.audience("https://other.test/").sign(), Reason.WRONG_AUDIENCE),
        bad("no audience", t -> t.claim("aud", null).sign(), Reason.WRONG_AUDIENCE),
        bad("no oci_ekms scope", t -> t.scope("openid profile").sign(), Reason.MISSING_SCOPE),
        bad("no scope at all", t -> t.scope(null).sign(), Reason.MISSING_SCOPE),
        bad("scope not a string", t -> t.scope(null).claim("scope", 7).sign(), Reason.MALFORMED),
        bad("alg none", TestTokenBuilder::unsigned, Reason.ALG_NOT_ALLOWED),
        bad(
            "HS256 with public key",
            TestTokenBuilder::signHs256WithPublicKey,
            Reason.ALG_NOT_ALLOWED),
        bad("unknown kid", t -> t.kid("no-such-key").sign(), Reason.UNKNOWN_KEY),
        bad(
            "unpublished key, own kid",
            t -> t.kid("other").signWithUnpublishedKey(),
            Reason.UNKNOWN_KEY),
        bad(
            "unpublished key, known kid",
            TestTokenBuilder::signWithUnpublishedKey,
            Reason.BAD_SIGNATURE),
        bad(
            "ES256 naming an RSA kid",
            t -> t.kid(trusted.currentKid()).signEs256(),
            Reason.UNKNOWN_KEY),
        bad("tampered payload", t -> t.signThenTamper("client_id", "evil"), Reason.BAD_SIGNATURE),
        bad("tampered azp", t -> t.signThenTamper("azp", "evil"), Reason.BAD_SIGNATURE),
        bad("tampered expiry", t -> t.signThenTamper("exp", 4102444800L), Reason.BAD_SIGNATURE),
        bad("no issuer", t -> t.issuer(null).sign(), Reason.MALFORMED),
        bad("no client", t -> t.clientId(null).subject(null).sign(), Reason.MALFORMED),
        bad(
            "client_id and azp disagree",
            t -> t.clientId("victim").claim("azp", "test-client").sign(),
            Reason.MALFORMED));
  }

  @ParameterizedTest
  @MethodSource("badTokens")
  void validate_badToken_rejectedWithReason(
      Function<TestTokenBuilder, String> mint, Reason reason) {
    String token = mint.apply(trusted.token().audience(AUDIENCE));

    TokenRejectedException e = reject("Bearer " + token);

    assertThat(e.reason()).isEqualTo(reason);
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.getMessage()).doesNotContain(token.split("\\.")[1]);
  }

  @ParameterizedTest
  @MethodSource("untrustedIssuerTokens")
  void validate_tokenOfUntrustedIssuer_rejectedUnknownIssuer(String token) {
    assertThat(reject("Bearer " + token).reason()).isEqualTo(Reason.UNKNOWN_ISSUER);
  }

  @Test
  void validate_untrustedKeyClaimingTrustedIssuer_rejectedUnknownKey() {
    String forged = untrusted.token().audience(AUDIENCE).issuer(trusted.issuer()).sign();

    assertThat(reject("Bearer " + forged).reason()).isEqualTo(Reason.UNKNOWN_KEY);
  }

  static Stream<String> untrustedIssuerTokens() {
    return Stream.of(
        untrusted.token().audience(AUDIENCE).sign(),
        untrusted.token().audience(AUDIENCE).issuer("https://attacker.test").sign());
  }

  @ParameterizedTest
  @MethodSource("badHeaders")
  void validate_missingOrGarbledHeader_rejected(String header, Reason reason) {
    TokenRejectedException e = reject(header);

    assertThat(e.reason()).isEqualTo(reason);
    assertThat(e.getMessage()).doesNotContain("garbage");
  }

  static Stream<Arguments> badHeaders() {
    String huge = "Bearer " + "a".repeat(BearerToken.MAX_TOKEN_CHARS) + ".b.c";
    return Stream.of(
        Arguments.of(null, Reason.MISSING_TOKEN),
        Arguments.of("", Reason.MISSING_TOKEN),
        Arguments.of("Bearer", Reason.MISSING_TOKEN),
        Arguments.of("Bearer   ", Reason.MISSING_TOKEN),
        Arguments.of("Basic dXNlcjpwYXNz", Reason.MISSING_TOKEN),
        Arguments.of("Bearer garbage", Reason.MALFORMED),
        Arguments.of("Bearer garbage.garbage.garbage", Reason.MALFORMED),
        Arguments.of("Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig!", Reason.MALFORMED),
        Arguments.of(huge, Reason.MALFORMED));
  }

  private static TokenRejectedException reject(String header) {
    return catchThrowableOfType(TokenRejectedException.class, () -> validator.validate(header));
  }

  private static Instant later() {
    return Instant.now().plus(Duration.ofMinutes(5));
  }

  private static Arguments bad(String name, Function<TestTokenBuilder, String> mint, Reason r) {
    return Arguments.of(Named.of(name, mint), r);
  }
}
