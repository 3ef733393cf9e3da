package io.ekms.it.ekm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.RawHttps;
import io.ekms.testing.TempDirs;
import io.ekms.testing.TestIssuer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rebinding a vault to another OAuth client over HTTPS: the old client is refused from its next
 * call, the new one served, the change audited with the binding before and after.
 */
class VaultRebindTest {
  static LoopbackStack stack;
  static TestIssuer issuer;
  static EkmVault f;
  static RawHttps admin;

  @BeforeAll
  static void start() throws Exception {
    stack = LoopbackStack.builder(TempDirs.create("vault-rebind-")).start();
    issuer = TestIssuer.start();
    f = EkmVault.ofIssuer(stack, issuer);
    admin = f.adminRaw();
  }

  @AfterAll
  static void stop() {
    stack.close();
    issuer.close();
  }

  private static String token(String client) {
    return issuer
        .token()
        .clientId(client)
        .audience(stack.ekmAudience())
        .scope("oci_ekms")
        .expiresIn(Duration.ofMinutes(5))
        .sign();
  }

  private static RawHttps.Answer metadata(String client) throws Exception {
    return f.api.get(f.apiBase() + "/metadata", token(client));
  }

  @Test
  void rebind_toAnotherClient_oldRefusedNewServedAndAudited() throws Exception {
    assertThat(metadata(EkmVault.CLIENT).status()).isEqualTo(200);

    RawHttps.Answer rebound =
        admin.send(
            "PATCH",
            "/admin/v1/vaults/" + f.vaultId,
            f.adminToken(),
            "{\"clientId\":\"payments-2027\"}");

    assertThat(rebound.status()).as(rebound.text()).isEqualTo(200);
    assertThat(rebound.body().path("clientId").asText()).isEqualTo("payments-2027");
    assertThat(metadata(EkmVault.CLIENT).code()).isEqualTo("ClientNotAuthorized");
    assertThat(metadata("payments-2027").status()).isEqualTo(200);
    JsonNode record = null;
    for (JsonNode e : f.admin().audit(rebound.requestId())) {
      JsonNode r = e.has("record") ? e.path("record") : e;
      if ("RebindVault".equals(r.path("operation").asText())) {
        record = r;
      }
    }
    assertThat(record).isNotNull();
    assertThat(record.path("details").path("oldClientId").asText()).isEqualTo(EkmVault.CLIENT);
    assertThat(record.path("details").path("newClientId").asText()).isEqualTo("payments-2027");
  }

  @Test
  void rebind_nothingOrUnknownIssuer_400And404() throws Exception {
    String path = "/admin/v1/vaults/" + f.vaultId;

    RawHttps.Answer empty = admin.send("PATCH", path, f.adminToken(), "{}");
    RawHttps.Answer unknown =
        admin.send(
            "PATCH",
            path,
            f.adminToken(),
            "{\"issuerId\":\"iss-00000000000000000000000000000000\"}");

    assertThat(empty.status()).isEqualTo(400);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(metadata(currentClient()).status()).isEqualTo(200);
  }

  private static String currentClient() throws Exception {
    return admin
        .get("/admin/v1/vaults/" + f.vaultId, f.adminToken())
        .body()
        .path("clientId")
        .asText();
  }
}
