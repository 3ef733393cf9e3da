package io.ekms.identity.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.ekms.ekm.auth.TokenValidator;
import io.ekms.identity.keys.SigningKeys;
import io.ekms.identity.server.IdentityFixture.Registered;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Signing key rotation: the new key signs at once, tokens of the old key keep validating while it
 * is published, and it leaves the JWKS when every token it signed has expired (lifetime + skew).
 */
class RotationTest {
  @Test
  void rotate_oldTokenStillValidatesAndNewKeySigns() throws Exception {
    try (IdentityFixture f = new IdentityFixture();
        TokenValidator validator = EkmAcceptsTokenTest.validatorFor(f)) {
      Registered client = f.createClient("kms");
      String before = f.accessToken(client);
      validator.validate("Bearer " + before);
      String oldKid = kid(before);

      JsonNode rotated = f.admin.rotateSigningKey();
      String after = f.accessToken(client);

      String newKid = rotated.path("kid").asText();
      assertThat(newKid).isNotEqualTo(oldKid);
      assertThat(kid(after)).isEqualTo(newKid);
      assertThat(kids(f)).containsExactlyInAnyOrder(oldKid, newKid);
      assertThat(validator.validate("Bearer " + after).clientId()).isEqualTo(client.id());
      assertThat(validator.validate("Bearer " + before).clientId()).isEqualTo(client.id());
      try (TokenValidator fresh = EkmAcceptsTokenTest.validatorFor(f)) {
        assertThat(fresh.validate("Bearer " + before).clientId()).isEqualTo(client.id());
      }
    }
  }

  @Test
  void rotate_oldKeyRetiresAfterLifetimePlusSkewPlusPeerRefresh() throws Exception {
    try (IdentityFixture f = new IdentityFixture()) {
      String oldKid = kids(f).get(0);
      Instant rotatedAt = f.clock.instant();
      f.admin.rotateSigningKey();
      JsonNode listed = f.admin.signingKeys();
      var old = listed.path("items").get(1);
      assertThat(old.path("kid").asText()).isEqualTo(oldKid);
      assertThat(old.path("current").asBoolean()).isFalse();
      assertThat(Instant.parse(old.path("retireAt").asText()))
          .isEqualTo(rotatedAt.plusSeconds(3600 + 60).plus(SigningKeys.REFRESH));

      f.clock.advance(Duration.ofSeconds(3600 + 59).plus(SigningKeys.REFRESH));
      assertThat(kids(f)).contains(oldKid).hasSize(2);

      f.clock.advance(Duration.ofSeconds(1));
      assertThat(kids(f)).doesNotContain(oldKid).hasSize(1);
      assertThat(f.admin.signingKeys().path("items")).hasSize(1);
    }
  }

  @Test
  void rotate_twiceWithinLifetime_publishesAllThree() throws Exception {
    try (IdentityFixture f = new IdentityFixture()) {
      f.admin.rotateSigningKey();
      f.clock.advance(Duration.ofMinutes(10));
      f.admin.rotateSigningKey();

      assertThat(kids(f)).hasSize(3);
      f.clock.advance(Duration.ofMinutes(51).plus(SigningKeys.REFRESH));
      assertThat(kids(f)).hasSize(2);
    }
  }

  static String kid(String token) throws Exception {
    return SignedJWT.parse(token).getHeader().getKeyID();
  }

  static List<String> kids(IdentityFixture f) throws Exception {
    return JWKSet.parse(f.get("/oauth2/v1/keys").text()).getKeys().stream()
        .map(JWK::getKeyID)
        .toList();
  }
}
