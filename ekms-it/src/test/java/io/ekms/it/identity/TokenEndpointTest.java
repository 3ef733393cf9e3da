package io.ekms.it.identity;

import static io.ekms.it.identity.IdentityCalls.AUDIENCE;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.admin.client.IdentityAdmin.Client;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.RawHttps.Answer;
import io.ekms.testing.TempDirs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The token endpoint over real HTTPS: what is issued, and every RFC 6749 section 5.2 refusal. */
class TokenEndpointTest {
  private static LoopbackStack stack;
  private static IdentityCalls f;
  private static Client client;

  @BeforeAll
  static void start() throws Exception {
    stack = LoopbackStack.builder(TempDirs.create("identity-token-")).start();
    f = IdentityCalls.to(stack);
    client = f.createClient("kms");
  }

  @AfterAll
  static void stop() {
    stack.close();
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
            Map.of("Authorization", IdentityCalls.basicHeader(client.id(), client.secret())));

    assertThat(a.status()).as(a.text()).isEqualTo(200);
    assertThat(a.body().path("scope").asText()).isEqualTo("oci_ekms");
  }

  @Test
  void token_wrongSecret_401InvalidClientWithBasicChallenge() throws Exception {
    Client wrong = new Client(client.id(), client.secret() + "x");

    Answer a = f.basic(wrong, AUDIENCE + "oci_ekms");

    assertInvalidClient(a);
    assertThat(a.text()).doesNotContain(client.secret()).doesNotContain(wrong.secret());
  }

  @Test
  void token_wrongSecretByPost_401InvalidClient() throws Exception {
    assertInvalidClient(f.post(new Client(client.id(), "ekmscs_00"), AUDIENCE + "oci_ekms"));
  }

  @Test
  void token_unknownClient_sameAnswerAsWrongSecret() throws Exception {
    Answer unknown =
        f.basic(new Client("cli-" + "0".repeat(32), client.secret()), AUDIENCE + "oci_ekms");
    Answer malformed = f.basic(new Client("someone", client.secret()), AUDIENCE + "oci_ekms");
    Answer wrong = f.basic(new Client(client.id(), "nope"), AUDIENCE + "oci_ekms");

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
            "grant_type=password&scope=" + IdentityCalls.encode(AUDIENCE + "oci_ekms"),
            Map.of("Authorization", IdentityCalls.basicHeader(client.id(), client.secret())));

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("unsupported_grant_type");
  }

  @Test
  void token_missingGrantType_invalidRequest() throws Exception {
    Answer a =
        f.token(
            "scope=oci_ekms",
            Map.of("Authorization", IdentityCalls.basicHeader(client.id(), client.secret())));

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
    Client other =
        stack
            .identityAdmin()
            .createClient("other", List.of("https://b.example.test/"), List.of("x"));

    Answer a = f.basic(other, AUDIENCE + "oci_ekms");

    assertThat(a.error()).isEqualTo("invalid_scope");
  }

  @Test
  void token_bothAuthMethods_invalidRequest() throws Exception {
    Answer a =
        f.token(
            "grant_type=client_credentials&client_secret=" + client.secret(),
            Map.of("Authorization", IdentityCalls.basicHeader(client.id(), client.secret())));

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("invalid_request");
  }

  @Test
  void token_repeatedParameter_invalidRequest() throws Exception {
    Answer a =
        f.token(
            "grant_type=client_credentials&grant_type=client_credentials",
            Map.of("Authorization", IdentityCalls.basicHeader(client.id(), client.secret())));

    assertThat(a.error()).isEqualTo("invalid_request");
  }

  @Test
  void token_oversizedBody_invalidRequest() throws Exception {
    Answer a =
        f.token(
            "grant_type=client_credentials&scope=" + "a".repeat(9000),
            Map.of("Authorization", IdentityCalls.basicHeader(client.id(), client.secret())));

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("invalid_request");
  }

  @Test
  void token_jsonBody_invalidRequest() throws Exception {
    Answer a =
        f.http()
            .send(
                "POST",
                stack.identityIssuer() + "/oauth2/v1/token",
                Map.of(
                    "Content-Type",
                    "application/json",
                    "Authorization",
                    IdentityCalls.basicHeader(client.id(), client.secret())),
                "{\"grant_type\":\"client_credentials\"}");

    assertThat(a.error()).isEqualTo("invalid_request");
  }

  @Test
  void token_secretInUrl_invalidRequestAndNotEchoed() throws Exception {
    Answer a =
        f.http()
            .send(
                "POST",
                stack.identityIssuer() + "/oauth2/v1/token?client_secret=" + client.secret(),
                Map.of("Content-Type", IdentityCalls.FORM),
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
