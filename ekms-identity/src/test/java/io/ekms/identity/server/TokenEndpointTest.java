package io.ekms.identity.server;

import static io.ekms.identity.server.IdentityFixture.AUDIENCE;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.identity.server.IdentityFixture.Registered;
import io.ekms.testing.RawHttps.Answer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The token endpoint over real HTTPS: what is issued, and every RFC 6749 section 5.2 refusal. */
class TokenEndpointTest {
  private static IdentityFixture f;
  private static Registered client;

  @BeforeAll
  static void start() throws Exception {
    f = new IdentityFixture();
    client = f.createClient("kms");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void token_basicAuth_issuesBearerToken() throws Exception {
    Answer a = f.basic(client, AUDIENCE + "oci_ekms");

    assertThat(a.status()).as(a.text()).isEqualTo(200);
    assertThat(a.body().path("token_type").asText()).isEqualTo("Bearer");
    assertThat(a.body().path("expires_in").asLong()).isEqualTo(3600);
    assertThat(a.body().path("access_token").asText()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    assertThat(a.body().has("scope")).isFalse();
    assertThat(a.header("Cache-Control")).isEqualTo("no-store");
    assertThat(a.header("Pragma")).isEqualTo("no-cache");
    assertThat(a.header("opc-request-id")).isNotBlank();
  }

  @Test
  void token_postAuth_issuesBearerToken() throws Exception {
    Answer a = f.post(client, AUDIENCE + "oci_ekms");

    assertThat(a.status()).as(a.text()).isEqualTo(200);
    assertThat(a.body().path("access_token").asText()).isNotBlank();
  }

  @Test
  void token_noScope_grantsTheOnlyAudienceAndSaysWhichScope() throws Exception {
    Answer a =
        f.token(
            "grant_type=client_credentials",
            Map.of("Authorization", IdentityFixture.basicHeader(client.id(), client.secret())));

    assertThat(a.status()).as(a.text()).isEqualTo(200);
    assertThat(a.body().path("scope").asText()).isEqualTo("oci_ekms");
  }

  @Test
  void token_wrongSecret_401InvalidClientWithBasicChallenge() throws Exception {
    Registered wrong = new Registered(client.id(), client.secret() + "x");

    Answer a = f.basic(wrong, AUDIENCE + "oci_ekms");

    assertInvalidClient(a);
    assertThat(a.text()).doesNotContain(client.secret()).doesNotContain(wrong.secret());
  }

  @Test
  void token_wrongSecretByPost_401InvalidClient() throws Exception {
    assertInvalidClient(f.post(new Registered(client.id(), "ekmscs_00"), AUDIENCE + "oci_ekms"));
  }

  @Test
  void token_unknownClient_sameAnswerAsWrongSecret() throws Exception {
    Answer unknown =
        f.basic(new Registered("cli-" + "0".repeat(32), client.secret()), AUDIENCE + "oci_ekms");
    Answer malformed = f.basic(new Registered("someone", client.secret()), AUDIENCE + "oci_ekms");
    Answer wrong = f.basic(new Registered(client.id(), "nope"), AUDIENCE + "oci_ekms");

    assertInvalidClient(unknown);
    assertInvalidClient(malformed);
    assertThat(unknown.body()).isEqualTo(wrong.body()).isEqualTo(malformed.body());
  }

  @Test
  void token_noCredentials_401InvalidClient() throws Exception {
    assertInvalidClient(f.token("grant_type=client_credentials", Map.of()));
    assertInvalidClient(
        f.token("grant_type=client_credentials", Map.of("Authorization", "Bearer abc")));
    assertInvalidClient(
        f.token("grant_type=client_credentials", Map.of("Authorization", "Basic !!!")));
  }

  @Test
  void token_wrongGrantType_unsupportedGrantType() throws Exception {
    Answer a =
        f.token(
            "grant_type=password&scope=" + IdentityFixture.encode(AUDIENCE + "oci_ekms"),
            Map.of("Authorization", IdentityFixture.basicHeader(client.id(), client.secret())));

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("unsupported_grant_type");
  }

  @Test
  void token_missingGrantType_invalidRequest() throws Exception {
    Answer a =
        f.token(
            "scope=oci_ekms",
            Map.of("Authorization", IdentityFixture.basicHeader(client.id(), client.secret())));

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("invalid_request");
  }

  @Test
  void token_audienceNotAllowed_invalidScope() throws Exception {
    Answer a = f.basic(client, "https://other.example.test/oci_ekms");

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("invalid_scope");
    assertThat(a.body().path("error_description").asText()).contains("audience");
  }

  @Test
  void token_scopeNotAllowed_invalidScope() throws Exception {
    Answer a = f.basic(client, AUDIENCE + "admin");

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("invalid_scope");
    assertThat(a.body().path("error_description").asText()).contains("scope name");
  }

  @Test
  void token_otherClientsAudience_invalidScope() throws Exception {
    Registered other = f.createClient("other", List.of("https://b.example.test/"), List.of("x"));

    Answer a = f.basic(other, AUDIENCE + "oci_ekms");

    assertThat(a.error()).isEqualTo("invalid_scope");
  }

  @Test
  void token_bothAuthMethods_invalidRequest() throws Exception {
    Answer a =
        f.token(
            "grant_type=client_credentials&client_secret=" + client.secret(),
            Map.of("Authorization", IdentityFixture.basicHeader(client.id(), client.secret())));

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("invalid_request");
  }

  @Test
  void token_repeatedParameter_invalidRequest() throws Exception {
    Answer a =
        f.token(
            "grant_type=client_credentials&grant_type=client_credentials",
            Map.of("Authorization", IdentityFixture.basicHeader(client.id(), client.secret())));

    assertThat(a.error()).isEqualTo("invalid_request");
  }

  @Test
  void token_oversizedBody_invalidRequest() throws Exception {
    Answer a =
        f.token(
            "grant_type=client_credentials&scope=" + "a".repeat(9000),
            Map.of("Authorization", IdentityFixture.basicHeader(client.id(), client.secret())));

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("invalid_request");
  }

  @Test
  void token_jsonBody_invalidRequest() throws Exception {
    Answer a =
        f.http.send(
            "POST",
            f.issuer() + "/oauth2/v1/token",
            Map.of(
                "Content-Type",
                "application/json",
                "Authorization",
                IdentityFixture.basicHeader(client.id(), client.secret())),
            "{\"grant_type\":\"client_credentials\"}");

    assertThat(a.error()).isEqualTo("invalid_request");
  }

  @Test
  void token_secretInUrl_invalidRequestAndNotEchoed() throws Exception {
    Answer a =
        f.http.send(
            "POST",
            f.issuer() + "/oauth2/v1/token?client_secret=" + client.secret(),
            Map.of("Content-Type", IdentityFixture.FORM),
            "grant_type=client_credentials&client_id=" + client.id());

    assertThat(a.error()).isEqualTo("invalid_request");
    assertThat(a.text()).doesNotContain(client.secret());
  }

  @Test
  void token_get_405AllowPost() throws Exception {
    Answer a = f.get("/oauth2/v1/token");

    assertThat(a.status()).isEqualTo(405);
    assertThat(a.header("Allow")).isEqualTo("POST");
  }

  private static void assertInvalidClient(Answer a) {
    assertThat(a.status()).as(a.text()).isEqualTo(401);
    assertThat(a.error()).isEqualTo("invalid_client");
    assertThat(a.header("WWW-Authenticate")).startsWith("Basic");
    assertThat(a.body().path("error_description").asText()).isNotBlank();
  }
}
