package io.ekms.ekm.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.testing.TestIssuer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A token verified once is remembered, but never past its expiry, its issuer's trust or 60 s. */
class TokenValidatorCacheTest {
  static final String AUDIENCE = TokenValidatorTest.AUDIENCE;

  private static TestIssuer issuer;
  private final AtomicReference<Optional<TrustedIssuer>> trust = new AtomicReference<>();
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
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
  void close() {
    if (validator != null) {
      validator.close();
    }
  }

  private TokenValidator validator() {
    trust.set(Optional.of(TokenValidatorTest.byJwksUri(issuer)));
    validator = new TokenValidator(AUDIENCE, Duration.ZERO, iss -> trust.get(), clock());
    return validator;
  }

  private Clock clock() {
    return new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now.get();
      }
    };
  }

  private String token(Duration lifetime) {
    return "Bearer " + issuer.token().audience(AUDIENCE).expiresIn(lifetime).sign();
  }

  @Test
  void validate_sameTokenTwice_returnsSameFacts() {
    TokenValidator v = validator();
    String token = token(Duration.ofMinutes(5));

    assertThat(v.validate(token)).isEqualTo(v.validate(token));
  }

  @Test
  void validate_issuerNoLongerTrusted_rejectsRememberedToken() {
    TokenValidator v = validator();
    String token = token(Duration.ofMinutes(5));
    v.validate(token);

    trust.set(Optional.empty());

    assertThatThrownBy(() -> v.validate(token))
        .isInstanceOfSatisfying(
            TokenRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(TokenRejectedException.Reason.UNKNOWN_ISSUER));
  }

  @Test
  void validate_issuerReconfigured_verifiesAgainWithNewConfig() {
    TokenValidator v = validator();
    String token = token(Duration.ofMinutes(5));
    v.validate(token);
    TestIssuer other = TestIssuer.start();
    try {
      // Same iss, but the keys now come from another issuer's JWKS: the token no longer verifies.
      trust.set(
          Optional.of(
              TrustedIssuer.ofJwksUri("test", issuer.issuer(), other.jwksUri(), other.caPem())));

      assertThatThrownBy(() -> v.validate(token)).isInstanceOf(TokenRejectedException.class);
    } finally {
      other.close();
    }
  }

  @Test
  void validate_rememberedTokenPastExpiry_rejects() {
    TokenValidator v = validator();
    String token = token(Duration.ofSeconds(30));
    v.validate(token);

    now.set(now.get().plusSeconds(31));

    assertThatThrownBy(() -> v.validate(token)).isInstanceOf(TokenRejectedException.class);
  }

  @Test
  void validate_tamperedCopyOfRememberedToken_rejects() {
    TokenValidator v = validator();
    String token = token(Duration.ofMinutes(5));
    v.validate(token);
    char last = token.charAt(token.length() - 2);
    String tampered =
        token.substring(0, token.length() - 2)
            + (last == 'A' ? 'B' : 'A')
            + token.charAt(token.length() - 1);

    assertThatThrownBy(() -> v.validate(tampered)).isInstanceOf(TokenRejectedException.class);
  }

  @Test
  void find_entryOlderThanMaxAge_isForgotten() {
    var cache = new VerifiedTokenCache(clock());
    TrustedIssuer trusted = TokenValidatorTest.byJwksUri(issuer);
    var facts =
        new VerifiedToken(
            issuer.issuer(), "c", null, java.util.Set.of(), now.get().plusSeconds(3600), null);
    cache.remember("t", trusted, facts);
    assertThat(cache.find("t", iss -> Optional.of(trusted))).contains(facts);

    now.set(now.get().plus(VerifiedTokenCache.MAX_AGE));

    assertThat(cache.find("t", iss -> Optional.of(trusted))).isEmpty();
    assertThat(cache.size()).isZero();
  }

  @Test
  void remember_moreThanMaxEntries_staysBounded() {
    var cache = new VerifiedTokenCache(Clock.systemUTC());
    TrustedIssuer trusted = TokenValidatorTest.byJwksUri(issuer);
    var facts =
        new VerifiedToken(
            issuer.issuer(), "c", null, java.util.Set.of(), Instant.now().plusSeconds(3600), null);
    for (int i = 0; i <= VerifiedTokenCache.MAX_ENTRIES + 10; i++) {
      cache.remember("token-" + i, trusted, facts);
    }

    assertThat(cache.size()).isLessThanOrEqualTo(VerifiedTokenCache.MAX_ENTRIES);
  }
}
