package io.ekms.ekm.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.ekm.auth.TokenRejectedException.Reason;
import io.ekms.testing.TestIssuer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tokens that must be accepted, and what the validator reports about them. */
class TokenValidatorTest {
  static final String AUDIENCE = "https://ekm.example.test/";

  private static TestIssuer issuer;
  private TokenValidator validator;

  @BeforeAll
  static void startIssuer() {
    issuer = TestIssuer.start();
  }

  @AfterAll
  static void stopIssuer() {
    issuer.close();
  }

  @AfterEach
  void closeValidator() {
    if (validator != null) {
      validator.close();
    }
  }

  static TokenValidator validatorFor(TrustedIssuer trusted, Duration skew) {
    return new TokenValidator(
        AUDIENCE, skew, TrustedIssuer.lookup(List.of(trusted)), Clock.systemUTC());
  }

  static TrustedIssuer byJwksUri(TestIssuer issuer) {
    return TrustedIssuer.ofJwksUri("test", issuer.issuer(), issuer.jwksUri(), issuer.caPem());
  }

  private TokenValidator validator() {
    validator = validatorFor(byJwksUri(issuer), Duration.ofSeconds(60));
    return validator;
  }

  @Test
  void validate_validToken_returnsClaims() {
    String token = issuer.token().audience(AUDIENCE).clientId("c1").claim("jti", "t-1").sign();

    VerifiedToken verified = validator().validate("Bearer " + token);

    assertThat(verified.issuer()).isEqualTo(issuer.issuer());
    assertThat(verified.clientId()).isEqualTo("c1");
    assertThat(verified.subject()).isEqualTo("test-client");
    assertThat(verified.scopes()).containsExactly("oci_ekms");
    assertThat(verified.tokenId()).isEqualTo("t-1");
    assertThat(verified.expiresAt()).isAfter(Instant.now());
  }

  @Test
  void validate_noClientIdClaim_fallsBackToSubject() {
    String token = issuer.token().audience(AUDIENCE).clientId(null).subject("svc-7").sign();

    assertThat(validator().validate("Bearer " + token).clientId()).isEqualTo("svc-7");
  }

  @Test
  void validate_keycloakShapedToken_clientIsAzpNotServiceAccountSub() {
    String token =
        issuer
            .token()
            .audience(AUDIENCE, "account")
            .clientId(null)
            .subject("6108985c-2545-4322-a1fe-5932846b8a33")
            .claim("azp", "kms")
            .claim("typ", "Bearer")
            .scope("oci_ekms profile email")
            .sign();

    VerifiedToken verified = validator().validate("Bearer " + token);

    assertThat(verified.clientId()).isEqualTo("kms");
    assertThat(verified.subject()).isEqualTo("6108985c-2545-4322-a1fe-5932846b8a33");
  }

  @Test
  void validate_discoveryConfiguredIssuer_accepts() {
    var trusted = TrustedIssuer.ofDiscovery("disc", issuer.discoveryUrl(), issuer.caPem());
    validator = validatorFor(trusted, Duration.ofSeconds(60));

    VerifiedToken verified =
        validator.validate("Bearer " + issuer.token().audience(AUDIENCE).sign());

    assertThat(verified.issuer()).isEqualTo(issuer.issuer());
  }

  @Test
  void validate_es256Token_accepts() {
    String token = issuer.token().audience(AUDIENCE).signEs256();

    assertThat(validator().validate("Bearer " + token).clientId()).isEqualTo("test-client");
  }

  @Test
  void validate_severalAudiencesAndScopes_acceptsWhenOursIncluded() {
    String token =
        issuer.token().audience("other", AUDIENCE).scope("openid oci_ekms  profile").sign();

    assertThat(validator().validate("bearer " + token).scopes())
        .containsExactlyInAnyOrder("openid", "oci_ekms", "profile");
  }

  @Test
  void validate_audiencePrefixedScope_accepts() {
    String token = issuer.token().audience(AUDIENCE).scope(AUDIENCE + "oci_ekms").sign();

    assertThat(validator().validate("Bearer " + token).scopes())
        .containsExactly(AUDIENCE + "oci_ekms");
  }

  @Test
  void validate_scpArray_accepts() {
    String token =
        issuer.token().audience(AUDIENCE).scope(null).claim("scp", List.of("oci_ekms")).sign();

    assertThat(validator().validate("Bearer " + token).scopes()).containsExactly("oci_ekms");
  }

  @Test
  void validate_expiredWithinSkew_accepts() {
    String token =
        issuer
            .token()
            .audience(AUDIENCE)
            .issuedAt(Instant.now().minus(Duration.ofMinutes(10)))
            .expiresIn(Duration.ofMinutes(10).minusSeconds(30))
            .sign();

    assertThat(validator().validate("Bearer " + token).clientId()).isEqualTo("test-client");
  }

  @Test
  void validate_expiredWithZeroSkew_rejectsExpired() {
    String token =
        issuer
            .token()
            .audience(AUDIENCE)
            .issuedAt(Instant.now().minus(Duration.ofMinutes(10)))
            .expiresIn(Duration.ofMinutes(10).minusSeconds(30))
            .sign();
    validator = validatorFor(byJwksUri(issuer), Duration.ZERO);

    assertThatThrownBy(() -> validator.validate("Bearer " + token))
        .isInstanceOfSatisfying(
            TokenRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED));
  }

  @Test
  void validate_notBeforeWithinSkew_accepts() {
    String token =
        issuer.token().audience(AUDIENCE).notBefore(Instant.now().plusSeconds(30)).sign();

    assertThat(validator().validate("Bearer " + token).clientId()).isEqualTo("test-client");
  }

  @Test
  void constructor_skewOverFiveMinutes_throws() {
    assertThatThrownBy(() -> validatorFor(byJwksUri(issuer), Duration.ofMinutes(6)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
