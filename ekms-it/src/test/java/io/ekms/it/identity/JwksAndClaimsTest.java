package io.ekms.it.identity;

import static io.ekms.it.identity.IdentityCalls.AUDIENCE;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.ekms.admin.client.IdentityAdmin.Client;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.MutableClock;
import io.ekms.testing.RawHttps.Answer;
import io.ekms.testing.TempDirs;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tokens verify with Nimbus against the served JWKS and carry every claim; discovery is right. */
class JwksAndClaimsTest {
  /** Stands still (millisecond precision, as the database stores times): no test moves it. */
  private static final MutableClock CLOCK =
      new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

  private static LoopbackStack stack;
  private static IdentityCalls f;
  private static Client client;

  @BeforeAll
  static void start() throws Exception {
    stack = LoopbackStack.builder(TempDirs.create("identity-jwks-")).identityClock(CLOCK).start();
    f = IdentityCalls.to(stack);
    client = f.createClient("kms");
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void token_verifiedWithServedJwks_hasAllClaims() throws Exception {
    String token = f.accessToken(client);
    JWKSet jwks = JWKSet.parse(f.get("/oauth2/v1/keys").text());
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(jwks)));
    processor.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            AUDIENCE,
            new JWTClaimsSet.Builder()
                .issuer(stack.identityIssuer())
                .subject(client.id())
                .claim("client_id", client.id())
                .claim("scope", "oci_ekms")
                .build(),
            Set.of("iat", "exp", "jti")));

    JWTClaimsSet claims = processor.process(token, null);

    SignedJWT jwt = SignedJWT.parse(token);
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(jwt.getHeader().getKeyID()).isEqualTo(jwks.getKeys().get(0).getKeyID());
    assertThat(claims.getAudience()).containsExactly(AUDIENCE);
    assertThat(jwt.getPayload().toJSONObject().get("aud")).isEqualTo(AUDIENCE);
    Date iat = claims.getIssueTime();
    assertThat(iat.toInstant()).isEqualTo(CLOCK.instant().truncatedTo(ChronoUnit.SECONDS));
    assertThat(Duration.between(iat.toInstant(), claims.getExpirationTime().toInstant()))
        .isEqualTo(Duration.ofHours(1));
    assertThat(claims.getJWTID()).hasSize(32);
    assertThat(SignedJWT.parse(f.accessToken(client)).getJWTClaimsSet().getJWTID())
        .isNotEqualTo(claims.getJWTID());
  }

  @Test
  void serviceAccount_tokens_carryVerifiedEmail_ordinaryClientsNone() throws Exception {
    String email = "service-1@gcp-sa-ekms.iam.gserviceaccount.com";
    Client account =
        stack
            .identityAdmin()
            .createServiceAccount("agent", List.of(AUDIENCE), List.of("oci_ekms"), email);

    JWTClaimsSet claims = SignedJWT.parse(f.accessToken(account)).getJWTClaimsSet();
    JWTClaimsSet ordinary = SignedJWT.parse(f.accessToken(client)).getJWTClaimsSet();

    assertThat(claims.getStringClaim("email")).isEqualTo(email);
    assertThat(claims.getBooleanClaim("email_verified")).isTrue();
    assertThat(ordinary.getClaims()).doesNotContainKeys("email", "email_verified");
    assertThat(stack.identityAdmin().client(account.id()).path("email").asText()).isEqualTo(email);
  }

  @Test
  void jwks_servesPublicRsaKeysOnly() throws Exception {
    Answer a = f.get("/oauth2/v1/keys");

    assertThat(a.status()).isEqualTo(200);
    JWKSet jwks = JWKSet.parse(a.text());
    assertThat(jwks.getKeys()).hasSize(1);
    assertThat(jwks.getKeys().get(0).isPrivate()).isFalse();
    assertThat(jwks.getKeys().get(0).getAlgorithm().getName()).isEqualTo("RS256");
    assertThat(jwks.getKeys().get(0).toRSAKey().size()).isEqualTo(2048);
    for (String privatePart : List.of("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"")) {
      assertThat(a.text()).doesNotContain(privatePart);
    }
  }

  @Test
  void discovery_namesIssuerEndpointsAndMethods() throws Exception {
    Answer a = f.get("/.well-known/openid-configuration");

    assertThat(a.status()).isEqualTo(200);
    var doc = a.body();
    String issuer = "https://127.0.0.1:" + stack.identity().apiPort();
    assertThat(stack.identityIssuer()).isEqualTo(issuer);
    assertThat(doc.path("issuer").asText()).isEqualTo(issuer);
    assertThat(doc.path("token_endpoint").asText()).isEqualTo(issuer + "/oauth2/v1/token");
    assertThat(doc.path("jwks_uri").asText()).isEqualTo(issuer + "/oauth2/v1/keys");
    assertThat(texts(doc.path("grant_types_supported"))).containsExactly("client_credentials");
    assertThat(texts(doc.path("token_endpoint_auth_methods_supported")))
        .containsExactly("client_secret_basic", "client_secret_post");
    assertThat(texts(doc.path("id_token_signing_alg_values_supported"))).containsExactly("RS256");
  }

  @Test
  void health_publicSaysOnlyUp_adminNamesTheChecks() throws Exception {
    Answer a = f.get("/health");
    Answer detail = f.adminListener("/health");

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.text()).isEqualTo("{\"status\":\"UP\"}");
    assertThat(detail.status()).isEqualTo(200);
    assertThat(detail.body().path("checks").path("database").asText()).isEqualTo("UP");
  }

  @Test
  void metrics_onlyOnTheAdminListener() throws Exception {
    f.accessToken(f.createClient("metrics-probe"));
    for (String path : List.of("/metrics", "/observe/metrics", "/observe/health")) {
      Answer a = f.get(path);
      assertThat(a.status()).as(path).isEqualTo(404);
      assertThat(a.text()).as(path).doesNotContain("identity_requests");
    }
    Answer metrics = f.adminListener("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.text()).contains("identity_requests_seconds_count");
  }

  private static List<String> texts(com.fasterxml.jackson.databind.JsonNode array) {
    return array.valueStream().map(n -> n.asText()).toList();
  }
}
