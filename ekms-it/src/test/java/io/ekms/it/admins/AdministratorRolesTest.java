package io.ekms.it.admins;

import static io.ekms.it.admins.AdminApi.enroll;
import static io.ekms.it.admins.AdminApi.ok;
import static io.ekms.it.admins.AdminApi.vault;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.RawHttps;
import io.ekms.testing.TempDirs;
import io.ekms.testing.TestIssuer;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Named administrators and their roles on the EKM's and the KMS's admin APIs, over HTTPS: each role
 * does its own work and is refused the rest with 403 AdminRoleRequired; the kill switch needs one
 * key custodian and nobody else; every record names the administrator.
 */
class AdministratorRolesTest {
  static LoopbackStack stack;
  static RawHttps ekm;
  static RawHttps kms;
  static String officer;
  static String custodian;
  static String auditor;
  static String operator;
  static String vaultId;
  static TestIssuer issuer;

  @BeforeAll
  static void start() throws Exception {
    stack = LoopbackStack.builder(TempDirs.create("admin-roles-")).start();
    issuer = TestIssuer.start();
    ekm = RawHttps.at(stack.ekmAdminUrl(), stack.caFile());
    kms = RawHttps.at(stack.kmsAdminUrl(), stack.caFile());
    officer = Files.readString(stack.adminTokenFile("ekm")).trim();
    custodian = enroll(ekm, officer, "carol", "key-custodian");
    auditor = enroll(ekm, officer, "dave", "auditor");
    operator = enroll(ekm, officer, "otto", "operator");
    vaultId = vault(ekm, officer, custodian, issuer);
  }

  @AfterAll
  static void stop() {
    stack.close();
    issuer.close();
  }

  static void refused(RawHttps.Answer answer) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(403);
    assertThat(answer.code()).isEqualTo("AdminRoleRequired");
  }

  private String createKey(String name) throws Exception {
    return ok(ekm.post(
            "/admin/v1/vaults/" + vaultId + "/keys",
            custodian,
            Map.of("name", name, "ops", List.of("ENCRYPT", "DECRYPT"))))
        .path("id")
        .asText();
  }

  @Test
  void createPolicy_byCustodian_is403AndNoPolicyExists() throws Exception {
    Map<String, String> policy =
        Map.of(
            "name",
            "office-hours",
            "scope",
            "VAULT",
            "scopeId",
            vaultId,
            "effect",
            "DENY",
            "expression",
            "false");

    refused(ekm.post("/admin/v1/policies", custodian, policy));

    assertThat(ok(ekm.get("/admin/v1/policies", officer)).path("items")).isEmpty();
  }

  @Test
  void disableKey_byAuditor_is403AndTheKeyStaysEnabled() throws Exception {
    String keyId = createKey("audited-key");
    String key = "/admin/v1/vaults/" + vaultId + "/keys/" + keyId;

    refused(ekm.post(key + "/disable", auditor, Map.of()));

    assertThat(ok(ekm.get(key, auditor)).path("state").asText()).isEqualTo("ACTIVE");
    assertThat(ok(ekm.get("/admin/v1/audit/verify", auditor)).path("ok").asBoolean()).isTrue();
  }

  @Test
  void disableKey_byOneCustodian_takesEffectAtOnceAndTheRecordNamesHer() throws Exception {
    String keyId = createKey("kill-switch-key");
    String key = "/admin/v1/vaults/" + vaultId + "/keys/" + keyId;

    JsonNode disabled = ok(ekm.post(key + "/disable", custodian, Map.of()));

    assertThat(disabled.path("state").asText()).isEqualTo("DISABLED");
    assertThat(callersOf("DisableKey", keyId)).containsExactly("admin:carol");
  }

  @Test
  void operator_seesWhoAmIButNotTheVaults() throws Exception {
    assertThat(ok(ekm.get("/admin/v1/whoami", operator)).path("name").asText()).isEqualTo("otto");

    refused(ekm.get("/admin/v1/vaults", operator));
    refused(ekm.get("/admin/v1/audit", operator));
  }

  @Test
  void enroll_byCustodian_is403() throws Exception {
    refused(
        ekm.post(
            "/admin/v1/administrators",
            custodian,
            Map.of("name", "mallory", "roles", List.of("security-officer"))));
  }

  @Test
  void removeAdministrator_itsTokenIsRefusedAtOnce() throws Exception {
    String temp = enroll(ekm, officer, "temp", "auditor");
    ok(ekm.get("/admin/v1/vaults", temp));

    ok(ekm.send("DELETE", "/admin/v1/administrators/temp", officer, null));

    RawHttps.Answer after = ekm.get("/admin/v1/vaults", temp);
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.code()).isEqualTo("AdminUnauthorized");
    assertThat(callersOf("RemoveAdministrator", null)).contains("admin:admin");
  }

  @Test
  void kms_auditorReadsButCannotCreateUsers_officerCan() throws Exception {
    String kmsOfficer = Files.readString(stack.adminTokenFile("kms")).trim();
    String kmsAuditor = enroll(kms, kmsOfficer, "dora", "auditor");
    Map<String, String> user = Map.of("tenancyId", "ocid1.tenancy.oc1..roles", "name", "u1");

    refused(kms.post("/admin/v1/users", kmsAuditor, user));
    ok(kms.get("/admin/v1/users", kmsAuditor));
    ok(kms.post("/admin/v1/users", kmsOfficer, user));

    JsonNode records = ok(kms.get("/admin/v1/audit", kmsAuditor)).path("items");
    assertThat(records.findValuesAsText("caller")).contains("admin:admin", "admin:dora");
  }

  /** The callers of {@code operation}'s records (on {@code keyId} when not null). */
  private static List<String> callersOf(String operation, String keyId) throws Exception {
    List<String> callers = new java.util.ArrayList<>();
    for (JsonNode entry : ok(ekm.get("/admin/v1/audit?limit=1000", auditor)).path("items")) {
      JsonNode r = entry.path("record");
      if (operation.equals(r.path("operation").asText())
          && (keyId == null || keyId.equals(r.path("key").asText()))) {
        callers.add(r.path("caller").asText());
      }
    }
    return callers;
  }
}
