package io.ekms.ekm.auth;

import static io.ekms.ekm.auth.TokenValidatorTest.AUDIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ekms.ekm.auth.TokenRejectedException.Reason;
import io.ekms.testing.TestIssuer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JWKS caching, refresh on an unknown kid, the refresh floor, and per-issuer state. */
class TokenValidatorJwksTest {
  private TestIssuer issuer;
  private TokenValidator validator;

  @BeforeEach
  void start() {
    issuer = TestIssuer.start();
    validator = validatorFor(TokenValidatorTest.byJwksUri(issuer));
  }

  @AfterEach
  void stop() {
    validator.close();
    issuer.close();
  }

  private static TokenValidator validatorFor(TrustedIssuer trusted) {
    return TokenValidatorTest.validatorFor(trusted, Duration.ofSeconds(60));
  }

  private String bearer() {
    return "Bearer " + issuer.token().audience(AUDIENCE).sign();
  }

  @Test
  void validate_manyConcurrentTokens_fetchesJwksOnce() throws Exception {
    List<Future<VerifiedToken>> results = new ArrayList<>();
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 100; i++) {
        String header = bearer();
        results.add(threads.submit(() -> validator.validate(header)));
      }
    }
    for (Future<VerifiedToken> result : results) {
      assertThat(result.get().clientId()).isEqualTo("test-client");
    }
    assertThat(issuer.jwksFetchCount()).isEqualTo(1);
  }

  @Test
  void validate_keyRotatedAtIssuer_newKidPickedUpByRefresh() {
    validator.validate(bearer());
    String oldToken = bearer();

    issuer.rotateKey();

    assertThat(validator.validate(bearer()).clientId()).isEqualTo("test-client");
    assertThat(validator.validate(oldToken).clientId()).isEqualTo("test-client");
    assertThat(issuer.jwksFetchCount()).isEqualTo(2);
  }

  @Test
  void validate_hundredRandomUnknownKids_refreshFloorBoundsFetches() {
    validator.validate(bearer());

    for (int i = 0; i < 100; i++) {
      String token = issuer.token().audience(AUDIENCE).kid(UUID.randomUUID().toString()).sign();
      assertThat(reject(validator, "Bearer " + token).reason()).isEqualTo(Reason.UNKNOWN_KEY);
    }

    assertThat(issuer.jwksFetchCount()).isBetween(1, 2);
    assertThat(validator.validate(bearer()).clientId()).isEqualTo("test-client");
    assertThat(issuer.jwksFetchCount()).isBetween(1, 2);
  }

  @Test
  void forget_afterValidation_nextValidationFetchesAgain() {
    validator.validate(bearer());

    validator.forget("test");
    validator.validate(bearer());

    assertThat(issuer.jwksFetchCount()).isEqualTo(2);
  }

  @Test
  void validate_issuerConfigChanged_rebuildsAndFetchesAgain() {
    TrustedIssuer[] current = {TokenValidatorTest.byJwksUri(issuer)};
    try (var v = validatorWith(iss -> Optional.of(current[0]))) {
      v.validate(bearer());
      current[0] = TrustedIssuer.ofDiscovery("test", issuer.discoveryUrl(), issuer.caPem());
      v.validate(bearer());
    }

    assertThat(issuer.jwksFetchCount()).isEqualTo(2);
    assertThat(issuer.discoveryFetchCount()).isEqualTo(1);
  }

  @Test
  void validate_jwksUnreachable_rejectedIssuerUnavailable() {
    TestIssuer gone = TestIssuer.start();
    gone.close();
    try (var v = validatorFor(TokenValidatorTest.byJwksUri(gone))) {
      String header = "Bearer " + gone.token().audience(AUDIENCE).sign();

      for (int i = 0; i < 4; i++) {
        TokenRejectedException e = reject(v, header);
        assertThat(e.reason()).isEqualTo(Reason.ISSUER_UNAVAILABLE);
      }
    }
  }

  @Test
  void validate_jwksServerNotTrustedByCaBundle_rejectedIssuerUnavailable() {
    try (TestIssuer other = TestIssuer.start()) {
      var wrongCa = TrustedIssuer.ofJwksUri("t", issuer.issuer(), issuer.jwksUri(), other.caPem());
      try (var v = validatorFor(wrongCa)) {
        TokenRejectedException e = reject(v, bearer());

        assertThat(e.reason()).isEqualTo(Reason.ISSUER_UNAVAILABLE);
        assertThat(e.getCause()).isNotNull();
        assertThat(issuer.jwksFetchCount()).isZero();
      }
    }
  }

  @Test
  void validate_discoveryNamesOtherIssuer_rejectedAndRetriedOnlyAfterFloor() {
    var pinned =
        new TrustedIssuer(
            "pin", "https://elsewhere.test", null, issuer.discoveryUrl(), issuer.caPem());
    try (var v = validatorWith(iss -> Optional.of(pinned))) {
      assertThat(reject(v, bearer()).reason()).isEqualTo(Reason.ISSUER_UNAVAILABLE);
      assertThat(reject(v, bearer()).reason()).isEqualTo(Reason.ISSUER_UNAVAILABLE);
    }

    assertThat(issuer.discoveryFetchCount()).isEqualTo(1);
    assertThat(issuer.jwksFetchCount()).isZero();
  }

  @Test
  void validate_disallowedAlgOrUntrustedIssuer_rejectedWithoutFetchingJwks() {
    try (TestIssuer stranger = TestIssuer.start()) {
      List<String> tokens =
          List.of(
              issuer.token().audience(AUDIENCE).unsigned(),
              issuer.token().audience(AUDIENCE).signHs256WithPublicKey(),
              stranger.token().audience(AUDIENCE).sign());

      for (String token : tokens) {
        assertThat(reject(validator, "Bearer " + token).reason())
            .isIn(Reason.ALG_NOT_ALLOWED, Reason.UNKNOWN_ISSUER);
      }
      assertThat(issuer.jwksFetchCount()).isZero();
      assertThat(stranger.jwksFetchCount()).isZero();
    }
  }

  private static TokenValidator validatorWith(Function<String, Optional<TrustedIssuer>> lookup) {
    return new TokenValidator(AUDIENCE, Duration.ZERO, lookup, Clock.systemUTC());
  }

  private static TokenRejectedException reject(TokenValidator v, String header) {
    return catchThrowableOfType(TokenRejectedException.class, () -> v.validate(header));
  }
}
