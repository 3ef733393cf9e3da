package io.ekms.identity.server;

import static io.ekms.identity.server.IdentityFixture.AUDIENCE;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.ekm.auth.TokenValidator;
import io.ekms.ekm.auth.TrustedIssuer;
import io.ekms.ekm.auth.VerifiedToken;
import io.ekms.identity.server.IdentityFixture.Registered;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * End to end with the real consumer: the EKM's {@link TokenValidator}, trusting the identity server
 * by its discovery URL and CA exactly as an EKM administrator would configure it, accepts a token
 * fetched from the token endpoint, with both client authentication methods.
 */
class EkmAcceptsTokenTest {
  static TokenValidator validatorFor(IdentityFixture f) {
    TrustedIssuer trusted =
        TrustedIssuer.ofDiscovery(
            "embedded-identity", f.issuer() + TrustedIssuer.DISCOVERY_SUFFIX, f.caPem);
    return new TokenValidator(
        AUDIENCE,
        Duration.ofSeconds(60),
        TrustedIssuer.lookup(List.of(trusted)),
        Clock.systemUTC());
  }

  @Test
  void validate_tokenFromTokenEndpoint_acceptedByEkmValidator() throws Exception {
    try (IdentityFixture f = new IdentityFixture();
        TokenValidator validator = validatorFor(f)) {
      Registered client = f.createClient("kms");
      String basic = f.basic(client, AUDIENCE + "oci_ekms").body().path("access_token").asText();
      String post = f.post(client, AUDIENCE + "oci_ekms").body().path("access_token").asText();

      VerifiedToken verified = validator.validate("Bearer " + basic);

      assertThat(verified.issuer()).isEqualTo(f.issuer());
      assertThat(verified.clientId()).isEqualTo(client.id());
      assertThat(verified.subject()).isEqualTo(client.id());
      assertThat(verified.scopes()).containsExactly("oci_ekms");
      assertThat(verified.tokenId()).isNotBlank();
      assertThat(validator.validate("Bearer " + post).clientId()).isEqualTo(client.id());
    }
  }
}
