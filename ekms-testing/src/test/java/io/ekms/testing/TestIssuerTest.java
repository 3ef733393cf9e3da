package io.ekms.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.ekms.core.json.Json;
import io.ekms.core.tls.Pem;
import io.ekms.core.tls.TrustBundle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TestIssuerTest {
  private static TestIssuer issuer;
  private static HttpClient client;

  @BeforeAll
  static void start() {
    issuer = TestIssuer.start();
    client =
        HttpClient.newBuilder()
            .sslContext(TrustBundle.sslContext(Pem.certificates(issuer.caPem())))
            .build();
  }

  @AfterAll
  static void stop() {
    issuer.close();
  }

  @Test
  void discovery_overHttps_namesIssuerJwksAndTokenEndpoint() throws Exception {
    Map<?, ?> document = Json.read(get(issuer.discoveryUrl()).getBytes(), Map.class);

    assertThat(document.get("issuer")).isEqualTo(issuer.issuer());
    assertThat(document.get("jwks_uri")).isEqualTo(issuer.jwksUri());
    assertThat(document.get("token_endpoint")).isEqualTo(issuer.tokenEndpoint());
    assertThat(issuer.discoveryFetchCount()).isPositive();
  }

  @Test
  void jwks_afterRotation_publishesOldAndNewPublicKeysOnly() throws Exception {
    String old = issuer.currentKid();
    String fresh = issuer.rotateKey();
    int before = issuer.jwksFetchCount();

    JWKSet set = JWKSet.parse(get(issuer.jwksUri()));

    assertThat(set.getKeys()).extracting(JWK::getKeyID).contains(old, fresh, issuer.ecKid());
    assertThat(set.getKeys()).noneMatch(JWK::isPrivate);
    assertThat(issuer.jwksFetchCount()).isEqualTo(before + 1);
  }

  @Test
  void sign_defaults_carryIssuerClientScopeAndCurrentKid() throws Exception {
    SignedJWT jwt = SignedJWT.parse(issuer.token().audience("aud").sign());

    assertThat(jwt.getHeader().getKeyID()).isEqualTo(issuer.currentKid());
    assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(issuer.issuer());
    assertThat(jwt.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo("test-client");
    assertThat(jwt.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("oci_ekms");
    assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("aud");
  }

  @Test
  void signThenTamper_changedClaim_keepsOriginalSignature() throws Exception {
    String tampered = issuer.token().audience("aud").signThenTamper("client_id", "evil");

    SignedJWT jwt = SignedJWT.parse(tampered);

    assertThat(jwt.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo("evil");
    assertThat(tampered.split("\\.")).hasSize(3);
  }

  @Test
  void unsigned_always_hasAlgNoneAndEmptySignature() {
    String token = issuer.token().unsigned();

    assertThat(token).startsWith("eyJhbGciOiJub25lIn0.").endsWith(".");
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
