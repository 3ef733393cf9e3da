package io.ekms.it.ekm;

import static io.ekms.it.ekm.EkmAdminRemovalTest.assertRefused;
import static io.ekms.it.ekm.EkmVault.b64;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.admin.client.EkmAdmin;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.TempDirs;
import io.ekms.testing.TestIssuer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Changing a key's operations, changing an XKS key store's rate and deleting a vault through the
 * admin API over HTTPS: each refusal, and that the EKM and XKS APIs follow the change from the very
 * next request. The rate limits' clock stands still, so only the rate decides what is admitted.
 */
class EkmAdminChangesTest {
  static final String UNKNOWN_VAULT = "vlt-00000000000000000000000000000000";
  static final String UNKNOWN_KEY = "key-00000000000000000000000000000000";
  static final String UNKNOWN_STORE = "xks-00000000000000000000000000000000";
  static final String AKID = "AKIAEKMSXKSRATETEST23";
  static final AtomicLong HELD = new AtomicLong(System.nanoTime());
  static LoopbackStack stack;
  static TestIssuer issuer;
  static EkmVault f;

  @BeforeAll
  static void start() throws Exception {
    stack = LoopbackStack.builder(TempDirs.create("ekm-changes-")).ekmRateTicker(HELD::get).start();
    issuer = TestIssuer.start();
    f = EkmVault.ofIssuer(stack, issuer);
  }

  @AfterAll
  static void stop() {
    stack.close();
    issuer.close();
  }

  static EkmAdmin admin() {
    return f.admin();
  }

  @Test
  void updateKeyOps_decryptOnly_encryptRefusedAtOnceEarlierCiphertextStillDecrypts()
      throws Exception {
    String key = f.createKey("ops-changed", List.of("ENCRYPT", "DECRYPT"));
    JsonNode before = f.encrypt(key, "sealed before", null);

    JsonNode view = admin().updateKeyOps(f.vaultId, key, List.of("DECRYPT"));

    assertThat(view.path("ops").toString()).isEqualTo("[\"DECRYPT\"]");
    var refused = encrypt(key);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo("OperationNotPermitted");
    var opened = f.decrypt(key, before, null);
    assertThat(opened.status()).isEqualTo(200);
    assertThat(opened.body().path("plaintext").asText()).isEqualTo(b64("sealed before"));
    var metadata = f.api.get(f.apiBase() + "/keys/" + key + "/metadata", f.token());
    assertThat(metadata.body().path("keyOps").toString()).isEqualTo("[\"DECRYPT\"]");
    assertThat(audited("UpdateKey", "key", key)).containsExactly("OK");

    admin().updateKeyOps(f.vaultId, key, List.of("ENCRYPT", "DECRYPT"));

    assertThat(encrypt(key).status()).isEqualTo(200);
  }

  @Test
  void updateKeyOps_noneUnknownDeletedOrMissing_is400Or409Or404() {
    String key = f.createKey("ops-refused", List.of("ENCRYPT", "DECRYPT"));

    assertRefused(() -> admin().updateKeyOps(f.vaultId, key, List.of()), 400, "InvalidRequest")
        .hasMessageContaining("Field 'ops'");
    assertRefused(
            () -> admin().updateKeyOps(f.vaultId, key, List.of("SIGN")), 400, "InvalidRequest")
        .hasMessageContaining("Field 'ops'");
    assertRefused(
        () -> admin().updateKeyOps(f.vaultId, UNKNOWN_KEY, List.of("ENCRYPT")), 404, "NotFound");
    admin().keyAction(f.vaultId, key, "delete");
    assertRefused(() -> admin().updateKeyOps(f.vaultId, key, List.of("ENCRYPT")), 409, "Conflict")
        .hasMessageContaining("The key is deleted");
  }

  @Test
  void updateXksStoreRate_raisedThenNone_throttleUsesEachFromTheNextRequest() throws Exception {
    String store = admin().createXksStore("rated", "aws/rated", 1);
    admin().addXksCredential(store, AKID, XksStore.SECRET1);
    XksCurl xks = new XksCurl("https://127.0.0.1:" + stack.ekm().xksPort(), stack.caFile());
    assertThat(health(xks, 3)).containsExactly(200, 429, 429);

    JsonNode view = admin().updateXksStoreRate(store, 3);

    assertThat(view.path("ratePerSecond").asInt()).isEqualTo(3);
    assertThat(health(xks, 4)).containsExactly(200, 200, 200, 429);
    admin().updateXksStoreRate(store, 0);
    assertThat(health(xks, 5)).containsOnly(200);
    assertThat(rateOf(store)).isZero();
    assertThat(audited("XksUpdateKeyStore", "details", "storeId", store))
        .containsExactly("OK", "OK");
  }

  @Test
  void updateXksStoreRate_outOfRangeMissingOrUnknown_is400Or404() {
    String store = admin().createXksStore("limits", "aws/limits", 7);
    String path = "/admin/v1/xks/keystores/" + store;

    assertRefused(() -> admin().updateXksStoreRate(store, -1), 400, "InvalidRequest")
        .hasMessageContaining("Field 'ratePerSecond' must be 0 to 1000000.");
    assertRefused(() -> admin().updateXksStoreRate(store, 1_000_001), 400, "InvalidRequest");
    assertRefused(() -> admin().http().send("PATCH", path, "{}"), 400, "InvalidRequest")
        .hasMessageContaining("Field 'ratePerSecond' is required.");
    assertRefused(() -> admin().updateXksStoreRate(UNKNOWN_STORE, 5), 404, "NotFound");
    assertRefused(() -> admin().updateXksStoreRate("not-an-id", 5), 400, "InvalidRequest");
    assertThat(rateOf(store)).isEqualTo(7);
  }

  @Test
  void deleteVault_refusedWhileItHoldsAKeyOrPolicyThenDeletedAndItsApiGone() throws Exception {
    String issuerId =
        admin().http().call("GET", "/admin/v1/vaults/" + f.vaultId, null).path("issuerId").asText();
    String vault = admin().createVault("doomed", issuerId, "doomed-client");
    String key = admin().createKey(vault, "k");
    String token =
        issuer
            .token()
            .clientId("doomed-client")
            .audience(stack.ekmAudience())
            .scope("oci_ekms")
            .expiresIn(Duration.ofMinutes(5))
            .sign();
    String metadata = "/oci/ekm/v1/vaults/" + vault + "/metadata";
    assertThat(f.api.get(metadata, token).status()).isEqualTo(200);

    assertRefused(() -> admin().deleteVault(vault), 409, "Conflict")
        .hasMessageContaining("The vault still has 1 key that is not deleted;");
    admin().keyAction(vault, key, "delete");
    String policy =
        admin()
            .http()
            .call(
                "POST",
                "/admin/v1/policies",
                Map.of(
                    "name",
                    "p",
                    "scope",
                    "vault",
                    "scopeId",
                    vault,
                    "effect",
                    "DENY",
                    "expression",
                    "false"))
            .path("id")
            .asText();
    assertRefused(() -> admin().deleteVault(vault), 409, "Conflict")
        .hasMessageContaining("The vault still has 1 key-access policy attached;");
    admin().http().call("DELETE", "/admin/v1/policies/" + policy, null);

    admin().deleteVault(vault);

    var gone = f.api.get(metadata, token);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.code()).isEqualTo("NotFound");
    assertThat(
            admin()
                .http()
                .call("GET", "/admin/v1/vaults", null)
                .path("items")
                .findValuesAsText("id"))
        .contains(f.vaultId)
        .doesNotContain(vault);
    assertThat(audited("DeleteVault", "vault", vault))
        .containsExactly("Conflict", "Conflict", "OK");
    assertRefused(() -> admin().deleteVault(vault), 404, "NotFound");
    assertRefused(() -> admin().deleteVault(UNKNOWN_VAULT), 404, "NotFound");
    assertRefused(() -> admin().deleteVault("not-an-id"), 400, "InvalidRequest");
  }

  /** The rate of key store {@code storeId} as the admin API lists it. */
  private static int rateOf(String storeId) {
    for (JsonNode store : admin().xksStores().path("items")) {
      if (storeId.equals(store.path("id").asText())) {
        return store.path("ratePerSecond").asInt();
      }
    }
    throw new AssertionError("no key store " + storeId);
  }

  private static RawAnswer encrypt(String key) throws Exception {
    var answer =
        f.api.post(
            f.apiBase() + "/keys/" + key + "/encrypt",
            f.token(),
            Map.of("plaintext", b64("sealed after")));
    return new RawAnswer(answer.status(), answer.code());
  }

  private record RawAnswer(int status, String code) {}

  /** The statuses of {@code count} signed XKS health requests to the store at aws/rated. */
  private static List<Integer> health(XksCurl xks, int count) throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      var answer =
          xks.post(
              "/aws/rated/kms/xks/v1/health",
              AKID,
              XksStore.SECRET1,
              Map.of("requestMetadata", XksStore.metadata()));
      if (answer.status() == 429) {
        assertThat(answer.errorName()).isEqualTo("ThrottlingException");
      }
      statuses.add(answer.status());
    }
    return statuses;
  }

  /** The results of the audit records of {@code operation} whose {@code field} is {@code value}. */
  static List<String> audited(String operation, String field, String value) {
    return audited(operation, null, field, value);
  }

  /** As {@link #audited(String, String, String)}, {@code field} under {@code within} if given. */
  static List<String> audited(String operation, String within, String field, String value) {
    List<String> results = new ArrayList<>();
    for (JsonNode entry : admin().audit().path("items")) {
      JsonNode r = entry.path("record");
      JsonNode holder = within == null ? r : r.path(within);
      if (operation.equals(r.path("operation").asText())
          && value.equals(holder.path(field).asText())) {
        results.add(r.path("result").asText());
      }
    }
    return results;
  }
}
