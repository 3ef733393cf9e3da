package io.ekms.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.ekms.common.json.Json;
import io.ekms.common.tls.Pem;
import io.ekms.common.tls.TrustBundle;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

  @Test
  void token_registeredClient_issuesRs256TokenForItsAudience() throws Exception {
    issuer.registerClient("app-1", "s3cret:&=", "https://ekm.example/");
    int before = issuer.tokenRequestCount();

    HttpResponse<String> response =
        postToken("app-1", "s3cret:&=", "client_credentials", "https://ekm.example/oci_ekms");

    assertThat(response.statusCode()).isEqualTo(200);
    Map<?, ?> body = Json.read(response.body().getBytes(), Map.class);
    assertThat(body.get("token_type")).isEqualTo("Bearer");
    assertThat(body.get("expires_in")).isEqualTo(3600);
    SignedJWT jwt = SignedJWT.parse((String) body.get("access_token"));
    assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
    assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(issuer.issuer());
    assertThat(jwt.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo("app-1");
    assertThat(jwt.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("oci_ekms");
    assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("https://ekm.example/");
    assertThat(issuer.tokenRequestCount()).isEqualTo(before + 1);
  }

  @Test
  void token_shortLifetime_expiresInSaysSo() throws Exception {
    issuer.registerClient("app-2", "pw", "aud", java.time.Duration.ofSeconds(90));

    HttpResponse<String> response = postToken("app-2", "pw", "client_credentials", "audoci_ekms");

    assertThat(Json.read(response.body().getBytes(), Map.class).get("expires_in")).isEqualTo(90);
  }

  @Test
  void token_wrongSecret_is401InvalidClient() throws Exception {
    issuer.registerClient("app-3", "right", "aud");

    HttpResponse<String> response =
        postToken("app-3", "wrong", "client_credentials", "audoci_ekms");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("\"error\":\"invalid_client\"").doesNotContain("right");
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
  }

  @Test
  void token_unknownClient_is401InvalidClient() throws Exception {
    HttpResponse<String> response = postToken("nobody", "x", "client_credentials", "audoci_ekms");

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void token_scopeWithoutAudience_is400InvalidScope() throws Exception {
    issuer.registerClient("app-4", "pw", "aud");

    HttpResponse<String> response = postToken("app-4", "pw", "client_credentials", "oci_ekms");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("invalid_scope");
  }

  @Test
  void token_otherGrant_is400UnsupportedGrantType() throws Exception {
    issuer.registerClient("app-5", "pw", "aud");

    HttpResponse<String> response = postToken("app-5", "pw", "password", "audoci_ekms");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("unsupported_grant_type");
  }

  private static HttpResponse<String> postToken(
      String clientId, String secret, String grant, String scope) throws Exception {
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString((form(clientId) + ":" + form(secret)).getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(issuer.tokenEndpoint()))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "grant_type=" + form(grant) + "&scope=" + form(scope)))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String form(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
