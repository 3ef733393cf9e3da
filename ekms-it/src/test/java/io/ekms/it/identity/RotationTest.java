package io.ekms.it.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.ekms.admin.client.IdentityAdmin.Client;
import io.ekms.ekm.auth.TokenValidator;
import io.ekms.identity.keys.SigningKeys;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.MutableClock;
import io.ekms.testing.TempDirs;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Signing key rotation: the new key signs at once, tokens of the old key keep validating while it
 * is published, and it leaves the JWKS when every token it signed has expired (lifetime + skew).
 */
class RotationTest {
  @Test
  void rotate_oldTokenStillValidatesAndNewKeySigns() throws Exception {
    try (LoopbackStack stack = LoopbackStack.builder(TempDirs.create("identity-rotate-")).start();
        TokenValidator validator = EkmAcceptsTokenTest.validatorFor(stack)) {
      IdentityCalls f = IdentityCalls.to(stack);
      Client client = f.createClient("kms");
      String before = f.accessToken(client);
      validator.validate("Bearer " + before);
      String oldKid = kid(before);

      JsonNode rotated = stack.identityAdmin().rotateSigningKey();
      String after = f.accessToken(client);

      String newKid = rotated.path("kid").asText();
      assertThat(newKid).isNotEqualTo(oldKid);
      assertThat(kid(after)).isEqualTo(newKid);
      assertThat(kids(f)).containsExactlyInAnyOrder(oldKid, newKid);
      assertThat(validator.validate("Bearer " + after).clientId()).isEqualTo(client.id());
      assertThat(validator.validate("Bearer " + before).clientId()).isEqualTo(client.id());
      try (TokenValidator fresh = EkmAcceptsTokenTest.validatorFor(stack)) {
        assertThat(fresh.validate("Bearer " + before).clientId()).isEqualTo(client.id());
      }
    }
  }

  @Test
  void rotate_oldKeyRetiresAfterLifetimePlusSkewPlusPeerRefresh() throws Exception {
    MutableClock clock = startClock();
    try (LoopbackStack stack = movedBy(clock)) {
      IdentityCalls f = IdentityCalls.to(stack);
      String oldKid = kids(f).get(0);
      Instant rotatedAt = clock.instant();
      stack.identityAdmin().rotateSigningKey();
      JsonNode listed = stack.identityAdmin().signingKeys();
      var old = listed.path("items").get(1);
      assertThat(old.path("kid").asText()).isEqualTo(oldKid);
      assertThat(old.path("current").asBoolean()).isFalse();
      assertThat(Instant.parse(old.path("retireAt").asText()))
          .isEqualTo(rotatedAt.plusSeconds(3600 + 60).plus(SigningKeys.REFRESH));

      clock.advance(Duration.ofSeconds(3600 + 59).plus(SigningKeys.REFRESH));
      assertThat(kids(f)).contains(oldKid).hasSize(2);

      clock.advance(Duration.ofSeconds(1));
      assertThat(kids(f)).doesNotContain(oldKid).hasSize(1);
      assertThat(stack.identityAdmin().signingKeys().path("items")).hasSize(1);
    }
  }

  @Test
  void rotate_twiceWithinLifetime_publishesAllThree() throws Exception {
    MutableClock clock = startClock();
    try (LoopbackStack stack = movedBy(clock)) {
      IdentityCalls f = IdentityCalls.to(stack);
      stack.identityAdmin().rotateSigningKey();
      clock.advance(Duration.ofMinutes(10));
      stack.identityAdmin().rotateSigningKey();

      assertThat(kids(f)).hasSize(3);
      clock.advance(Duration.ofMinutes(51).plus(SigningKeys.REFRESH));
      assertThat(kids(f)).hasSize(2);
    }
  }

  /** Millisecond precision, as the database stores times. */
  private static MutableClock startClock() {
    return new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }

  /** A fresh stack whose identity server runs on {@code clock}. */
  private static LoopbackStack movedBy(MutableClock clock) throws Exception {
    return LoopbackStack.builder(TempDirs.create("identity-rotate-")).identityClock(clock).start();
  }

  static String kid(String token) throws Exception {
    return SignedJWT.parse(token).getHeader().getKeyID();
  }

  static List<String> kids(IdentityCalls f) throws Exception {
    return JWKSet.parse(f.get("/oauth2/v1/keys").text()).getKeys().stream()
        .map(JWK::getKeyID)
        .toList();
  }
}
