package io.ekms.it.identity;

import static io.ekms.it.identity.IdentityCalls.AUDIENCE;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.admin.client.IdentityAdmin.Client;
import io.ekms.common.json.Json;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.RawHttps.Answer;
import io.ekms.testing.TempDirs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The identity admin API: clients and signing keys, behind the admin token. */
class AdminApiTest {
  private static final String CLIENTS = "/admin/v1/identity/clients";
  private static LoopbackStack stack;
  private static IdentityCalls f;

  @BeforeAll
  static void start() throws Exception {
    stack = LoopbackStack.builder(TempDirs.create("identity-admin-")).start();
    f = IdentityCalls.to(stack);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  /** A request of a well-behaved admin, answered as the admin API sent it. */
  private static Answer admin(String method, String path, Object body) throws Exception {
    return f.http()
        .send(
            method,
            stack.identityAdminUrl() + path,
            Map.of("Authorization", "Bearer " + f.adminToken(), "Content-Type", "application/json"),
            body == null ? null : Json.writeString(body));
  }

  @Test
  void createClient_valid_returnsIdAndSecretOnce() throws Exception {
    Answer created =
        admin(
            "POST",
            CLIENTS,
            Map.of("name", "once", "audiences", List.of(AUDIENCE), "scopes", List.of("oci_ekms")));

    assertThat(created.status()).isEqualTo(201);
    String id = created.body().path("id").asText();
    assertThat(id).matches("cli-[0-9a-f]{32}");
    assertThat(created.body().path("clientSecret").asText()).matches("ekmscs_[0-9a-f]{64}");
    Answer got = admin("GET", CLIENTS + "/" + id, null);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.body().has("clientSecret")).isFalse();
    assertThat(got.text()).doesNotContain("sha256").doesNotContain("secret");
    assertThat(got.body().path("audiences").get(0).asText()).isEqualTo(AUDIENCE);
    Answer listed = admin("GET", CLIENTS, null);
    assertThat(listed.text()).contains(id).doesNotContain("clientSecret");
  }

  @Test
  void createClient_sameName_409Conflict() throws Exception {
    f.createClient("twice");

    Answer again =
        admin(
            "POST",
            CLIENTS,
            Map.of("name", "twice", "audiences", List.of(AUDIENCE), "scopes", List.of("oci_ekms")));

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().path("code").asText()).isEqualTo("Conflict");
  }

  @Test
  void createClient_invalidFields_400InvalidRequest() throws Exception {
    List<Map<String, Object>> bodies =
        List.of(
            Map.of("name", "a", "scopes", List.of("oci_ekms")),
            Map.of("name", "b", "audiences", List.of(AUDIENCE), "scopes", List.of("a b")),
            Map.of("name", "c", "audiences", List.of("has space"), "scopes", List.of("x")),
            Map.of("audiences", List.of(AUDIENCE), "scopes", List.of("x")));
    for (Map<String, Object> body : bodies) {
      Answer a = admin("POST", CLIENTS, body);

      assertThat(a.status()).as(body.toString()).isEqualTo(400);
      assertThat(a.body().path("code").asText()).isEqualTo("InvalidRequest");
    }
    assertThat(admin("POST", CLIENTS, "not an object").status()).isEqualTo(400);
  }

  @Test
  void deleteClient_existing_204AndItsSecretStopsWorking() throws Exception {
    Client client = f.createClient("doomed");
    assertThat(f.basic(client, AUDIENCE + "oci_ekms").status()).isEqualTo(200);

    Answer deleted = admin("DELETE", CLIENTS + "/" + client.id(), null);

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(f.basic(client, AUDIENCE + "oci_ekms").status()).isEqualTo(401);
    assertThat(admin("GET", CLIENTS + "/" + client.id(), null).status()).isEqualTo(404);
    assertThat(admin("DELETE", CLIENTS + "/" + client.id(), null).status()).isEqualTo(404);
    assertThat(admin("DELETE", CLIENTS + "/not-an-id", null).status()).isEqualTo(400);
  }

  @Test
  void adminCall_withoutValidToken_401AdminUnauthorized() throws Exception {
    for (String auth : List.of("", "Bearer wrong", "Basic abc")) {
      Map<String, String> headers = auth.isEmpty() ? Map.of() : Map.of("Authorization", auth);
      Answer a = f.http().send("GET", stack.identityAdminUrl() + CLIENTS, headers, null);

      assertThat(a.status()).isEqualTo(401);
      assertThat(a.body().path("code").asText()).isEqualTo("AdminUnauthorized");
    }
  }

  @Test
  void adminApi_onPublicListener_notServed() throws Exception {
    Answer a =
        f.http()
            .send(
                "GET",
                stack.identityIssuer() + CLIENTS,
                Map.of("Authorization", "Bearer " + f.adminToken()),
                null);

    assertThat(a.status()).isEqualTo(404);
  }

  @Test
  void signingKeys_rotate_201WithTheNewCurrentKey() throws Exception {
    Answer rotated = admin("POST", "/admin/v1/identity/signing-keys/rotate", null);

    assertThat(rotated.status()).as(rotated.text()).isEqualTo(201);
    assertThat(rotated.body().path("kid").asText()).matches("sig-[0-9a-f]{32}");
    assertThat(stack.identityAdmin().signingKeys().path("items").get(0).path("kid").asText())
        .isEqualTo(rotated.body().path("kid").asText());
  }

  @Test
  void signingKeys_list_showsTheCurrentKey() throws Exception {
    Answer a = admin("GET", "/admin/v1/identity/signing-keys", null);

    assertThat(a.status()).isEqualTo(200);
    var first = a.body().path("items").get(0);
    assertThat(first.path("kid").asText()).matches("sig-[0-9a-f]{32}");
    assertThat(first.path("current").asBoolean()).isTrue();
    assertThat(first.has("retireAt")).isFalse();
  }
}
