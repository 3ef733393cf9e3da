package io.ekms.ekm.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import io.ekms.ekm.auth.TokenRejectedException.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which client a token names: client_id, azp, appid, then sub; conflicts are refused. */
class ClientClaimTest {
  static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder().issuer("https://idp.test");
  }

  static void assertMalformed(JWTClaimsSet claims, String message) {
    assertThatThrownBy(() -> ClientClaim.of(claims))
        .isInstanceOfSatisfying(
            ClaimRejection.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED))
        .hasMessage(message);
  }

  @Test
  void of_keycloakServiceAccount_isAzpNotTheUserIdInSub() throws Exception {
    JWTClaimsSet keycloak =
        claims().subject("6108985c-2545-4322-a1fe-5932846b8a33").claim("azp", "kms").build();

    assertThat(ClientClaim.of(keycloak)).isEqualTo("kms");
  }

  @Test
  void of_keycloak26WithClientIdAndAzp_isThatClient() throws Exception {
    JWTClaimsSet keycloak =
        claims().subject("uuid").claim("azp", "kms").claim("client_id", "kms").build();

    assertThat(ClientClaim.of(keycloak)).isEqualTo("kms");
  }

  @Test
  void of_idcsClientId_isPreferredOverSub() throws Exception {
    assertThat(ClientClaim.of(claims().subject("other").claim("client_id", "app").build()))
        .isEqualTo("app");
  }

  @Test
  void of_auth0_isAzpNotSubWithClientsSuffix() throws Exception {
    JWTClaimsSet auth0 = claims().subject("abc@clients").claim("azp", "abc").build();

    assertThat(ClientClaim.of(auth0)).isEqualTo("abc");
  }

  @Test
  void of_entraV1_isAppid() throws Exception {
    assertThat(ClientClaim.of(claims().subject("sp-object-id").claim("appid", "app-1").build()))
        .isEqualTo("app-1");
  }

  @Test
  void of_oktaOnlySub_isSub() throws Exception {
    assertThat(ClientClaim.of(claims().subject("0oa1").build())).isEqualTo("0oa1");
  }

  @Test
  void of_emptyClaims_areAbsent() throws Exception {
    assertThat(ClientClaim.of(claims().claim("client_id", "").claim("azp", "kms").build()))
        .isEqualTo("kms");
  }

  @Test
  void of_clientIdAndAzpDisagree_isMalformed() {
    assertMalformed(
        claims().claim("client_id", "victim").claim("azp", "kms").build(),
        "The access token names two different clients.");
  }

  @Test
  void of_azpAndAppidDisagree_isMalformed() {
    assertMalformed(
        claims().claim("azp", "a").claim("appid", "b").build(),
        "The access token names two different clients.");
  }

  @Test
  void of_azpNotAString_isMalformedNotSkipped() {
    assertMalformed(
        claims().subject("kms").claim("azp", List.of("kms", "victim")).build(),
        "The access token's azp claim is not a string.");
  }

  @Test
  void of_clientIdNotAString_isMalformed() {
    assertMalformed(
        claims().claim("client_id", 7).build(),
        "The access token's client_id claim is not a string.");
  }

  @Test
  void of_noClient_isMalformed() {
    assertMalformed(claims().build(), "The access token names no client.");
    assertMalformed(claims().subject("").build(), "The access token names no client.");
  }
}
