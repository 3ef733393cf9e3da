package io.ekms.it;

import static io.ekms.it.Attack.of;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The identity server's OAuth endpoints attacked from outside over HTTPS: missing, malformed and
 * wrong client credentials, smuggled parameters, wrong grants and scopes, oversized and malformed
 * bodies. Each case names its exact status and OAuth error code.
 */
class IdentityAttackTest {
  private static final String FORM = "application/x-www-form-urlencoded";
  private static AttackWorld w;
  private static String id;
  private static String secret;
  private static String scope;

  @BeforeAll
  static void world() throws Exception {
    w = AttackWorld.shared();
    id = w.alpha.oauthClient().id();
    secret = w.alpha.oauthClient().secret();
    scope =
        "scope=" + URLEncoder.encode(w.stack.ekmAudience() + "oci_ekms", StandardCharsets.UTF_8);
  }

  private static Answer token(Map<String, String> headers, String body) {
    return w.raw(w.stack.identity().issuer(), "POST", "/oauth2/v1/token", headers, body);
  }

  private static Answer basic(String user, String password, String body) {
    return token(headers(basicHeader(user + ":" + password)), body);
  }

  private static Map<String, String> headers(String authorization) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", FORM);
    if (authorization != null) {
      h.put("Authorization", authorization);
    }
    return h;
  }

  private static String basicHeader(String credentials) {
    return "Basic "
        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  @TestFactory
  Stream<DynamicTest> tokenEndpoint_hostileRequests_exactOAuthErrors() {
    String grant = "grant_type=client_credentials&" + scope;
    String client = "invalid_client";
    String request = "invalid_request";
    return Attack.run(
        List.of(
            of("no credentials", 401, client, () -> token(headers(null), grant)),
            of("wrong secret", 401, client, () -> basic(id, "wrong", grant)),
            of("unknown client", 401, client, () -> basic("cli-" + "0".repeat(32), secret, grant)),
            of("300-character client id", 401, client, () -> basic("c".repeat(300), secret, grant)),
            of("NUL in the client id", 401, client, () -> basic(id + "%00", secret, grant)),
            of("Basic not Base64", 401, client, () -> token(headers("Basic %%%"), grant)),
            of("Basic without a colon", 401, client, () -> token(headers(basicHeader(id)), grant)),
            of("Bearer instead of Basic", 401, client, () -> token(headers("Bearer x"), grant)),
            of(
                "client_secret_post with the wrong secret",
                401,
                client,
                () -> token(headers(null), grant + "&client_id=" + id + "&client_secret=wrong")),
            of(
                "two authentication methods",
                400,
                request,
                () -> basic(id, secret, grant + "&client_secret=" + secret)),
            of(
                "client_id differing from Basic",
                400,
                request,
                () -> basic(id, secret, grant + "&client_id=cli-" + "1".repeat(32))),
            of(
                "secret in the URL",
                400,
                request,
                () ->
                    w.raw(
                        w.stack.identity().issuer(),
                        "POST",
                        "/oauth2/v1/token?client_secret=x",
                        headers(null),
                        grant)),
            of(
                "JSON body",
                400,
                request,
                () ->
                    token(
                        Map.of("Content-Type", "application/json"),
                        "{\"grant_type\":\"client_credentials\"}")),
            of("malformed form", 400, request, () -> basic(id, secret, "grant_type=%zz")),
            of(
                "body over 8 KiB",
                400,
                request,
                () -> basic(id, secret, grant + "&pad=" + "x".repeat(9000))),
            of("grant_type missing", 400, request, () -> basic(id, secret, scope)),
            of(
                "grant_type password",
                400,
                "unsupported_grant_type",
                () -> basic(id, secret, "grant_type=password&" + scope)),
            of(
                "scope of another audience",
                400,
                "invalid_scope",
                () ->
                    basic(
                        id,
                        secret,
                        "grant_type=client_credentials&scope=https%3A%2F%2Felsewhere%2Foci_ekms")),
            of("empty secret", 401, client, () -> basic(id, "", grant)),
            of(
                "client_id without a secret",
                401,
                client,
                () -> token(headers(null), grant + "&client_id=" + id)),
            of(
                "Authorization over 4 KiB",
                401,
                client,
                () -> token(headers(basicHeader(id + ":" + "s".repeat(5000))), grant)),
            of(
                "a deleted client's credentials",
                401,
                client,
                () -> {
                  var admin = w.stack.identityAdmin();
                  var doomed =
                      admin.createClient(
                          "doomed", List.of(w.stack.ekmAudience()), List.of("oci_ekms"));
                  admin.deleteClient(doomed.id());
                  return basic(doomed.id(), doomed.secret(), grant);
                }),
            of(
                "no content type",
                400,
                request,
                () -> token(Map.of("Authorization", basicHeader(id + ":" + secret)), grant)),
            of(
                "grant_type twice",
                400,
                request,
                () -> basic(id, secret, grant + "&grant_type=password")),
            of(
                "scope name not granted",
                400,
                "invalid_scope",
                () ->
                    basic(
                        id,
                        secret,
                        "grant_type=client_credentials&scope="
                            + URLEncoder.encode(
                                w.stack.ekmAudience() + "admin", StandardCharsets.UTF_8))),
            of(
                "GET the token endpoint",
                405,
                request,
                () ->
                    w.raw(
                        w.stack.identity().issuer(), "GET", "/oauth2/v1/token", Map.of(), null))));
  }

  /** The published keys are public keys only: no private parameter of any key type. */
  @Test
  void jwks_published_holdsNoPrivateParameter() {
    Answer jwks = w.raw(w.stack.identity().issuer(), "GET", "/oauth2/v1/keys", Map.of(), null);

    assertThat(jwks.status()).isEqualTo(200);
    jwks.json()
        .path("keys")
        .forEach(
            k ->
                assertThat(k.fieldNames())
                    .toIterable()
                    .doesNotContain("d", "p", "q", "dp", "dq", "qi", "k"));
  }
}
