package io.ekms.it.identity;

import static io.ekms.it.identity.IdentityCalls.AUDIENCE;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.admin.client.IdentityAdmin.Client;
import io.ekms.ekm.auth.TokenValidator;
import io.ekms.ekm.auth.TrustedIssuer;
import io.ekms.ekm.auth.VerifiedToken;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.TempDirs;
import java.nio.file.Files;
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
  static TokenValidator validatorFor(LoopbackStack stack) throws Exception {
    TrustedIssuer trusted =
        TrustedIssuer.ofDiscovery(
            "embedded-identity",
            stack.identityIssuer() + TrustedIssuer.DISCOVERY_SUFFIX,
            Files.readString(stack.caFile()));
    return new TokenValidator(
        AUDIENCE,
        Duration.ofSeconds(60),
        TrustedIssuer.lookup(List.of(trusted)),
        Clock.systemUTC());
  }

  @Test
  void validate_tokenFromTokenEndpoint_acceptedByEkmValidator() throws Exception {
    try (LoopbackStack stack = LoopbackStack.builder(TempDirs.create("identity-ekm-")).start();
        TokenValidator validator = validatorFor(stack)) {
      IdentityCalls f = IdentityCalls.to(stack);
      Client client = f.createClient("kms");
      String basic = f.basic(client, AUDIENCE + "oci_ekms").body().path("access_token").asText();
      String post = f.post(client, AUDIENCE + "oci_ekms").body().path("access_token").asText();

      VerifiedToken verified = validator.validate("Bearer " + basic);

      assertThat(verified.issuer()).isEqualTo(stack.identityIssuer());
      assertThat(verified.clientId()).isEqualTo(client.id());
      assertThat(verified.subject()).isEqualTo(client.id());
      assertThat(verified.scopes()).containsExactly("oci_ekms");
      assertThat(verified.tokenId()).isNotBlank();
      assertThat(validator.validate("Bearer " + post).clientId()).isEqualTo(client.id());
    }
  }
}
