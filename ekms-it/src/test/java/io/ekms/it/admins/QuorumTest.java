package io.ekms.it.admins;

import static io.ekms.it.admins.AdminApi.enroll;
import static io.ekms.it.admins.AdminApi.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.core.admin.QuorumSettings;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.MutableClock;
import io.ekms.testing.RawHttps;
import io.ekms.testing.TempDirs;
import io.ekms.testing.TestIssuer;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two-person control on the EKM over HTTPS (quorum of one approval besides the requester): a
 * destroy waits for a second custodian and then runs; a rejected or expired request never runs; the
 * requester cannot approve their own; the kill switch never waits.
 */
class QuorumTest {
  static final MutableClock CLOCK = new MutableClock(Instant.now());
  static LoopbackStack stack;
  static TestIssuer issuer;
  static RawHttps ekm;
  static String officer;
  static String carol;
  static String erin;
  static String auditor;
  static String vaultId;

  @BeforeAll
  static void start() throws Exception {
    stack =
        LoopbackStack.builder(TempDirs.create("quorum-"))
            .ekm(b -> b.quorum(new QuorumSettings(1, null, 24)))
            .ekmClock(CLOCK)
            .start();
    issuer = TestIssuer.start();
    ekm = RawHttps.at(stack.ekmAdminUrl(), stack.caFile());
    officer = Files.readString(stack.adminTokenFile("ekm")).trim();
    String olga = enroll(ekm, officer, "olga", "security-officer");
    carol = enrollApproved("carol", "key-custodian", olga);
    erin = enrollApproved("erin", "key-custodian", olga);
    auditor = enrollApproved("dave", "auditor", olga);
    vaultId = AdminApi.vault(ekm, officer, carol, issuer);
  }

  @AfterAll
  static void stop() {
    stack.close();
    issuer.close();
  }

  /**
   * Enrolls through the quorum: the first officer asks, {@code approver} approves; the new token.
   * (olga, the second officer, was enrolled at once: nobody else could have approved her.)
   */
  private static String enrollApproved(String name, String role, String approver) throws Exception {
    RawHttps.Answer held =
        ekm.post("/admin/v1/administrators", officer, Map.of("name", name, "roles", List.of(role)));
    assertThat(held.status()).as(held.text()).isEqualTo(202);
    JsonNode approved = approve(held.body().path("pendingRequestId").asText(), approver);
    assertThat(approved.path("executed").path("status").asInt()).isEqualTo(201);
    return approved.path("executed").path("body").path("token").asText();
  }

  private static JsonNode approve(String id, String by) throws Exception {
    return ok(ekm.post("/admin/v1/requests/" + id + "/approve", by, Map.of()));
  }

  private String key(String name) throws Exception {
    String id =
        ok(ekm.post(
                "/admin/v1/vaults/" + vaultId + "/keys",
                carol,
                Map.of("name", name, "ops", List.of("ENCRYPT", "DECRYPT"))))
            .path("id")
            .asText();
    return "/admin/v1/vaults/" + vaultId + "/keys/" + id;
  }

  private static String firstVersion(String key) throws Exception {
    return ok(ekm.get(key + "/versions", carol)).path("items").get(0).path("id").asText();
  }

  @Test
  void destroyVersion_waitsForTheSecondCustodian_thenRuns() throws Exception {
    String key = key("two-person-key");
    String version = key + "/versions/" + firstVersion(key);
    ok(ekm.post(key + "/rotate", carol, Map.of()));

    RawHttps.Answer held = ekm.post(version + "/destroy", carol, Map.of());
    String id = held.body().path("pendingRequestId").asText();

    assertThat(held.status()).as(held.text()).isEqualTo(202);
    assertThat(held.body().path("state").asText()).isEqualTo("PENDING");
    assertThat(stateOf(key, version)).isEqualTo("ACTIVE");
    RawHttps.Answer own = ekm.post("/admin/v1/requests/" + id + "/approve", carol, Map.of());
    assertThat(own.status()).isEqualTo(403);
    RawHttps.Answer byAuditor =
        ekm.post("/admin/v1/requests/" + id + "/approve", auditor, Map.of());
    assertThat(byAuditor.status()).isEqualTo(403);

    JsonNode approved = approve(id, erin);

    assertThat(approved.path("executed").path("status").asInt()).isEqualTo(200);
    assertThat(approved.path("request").path("state").asText()).isEqualTo("EXECUTED");
    assertThat(approved.path("request").path("approvers"))
        .extracting(JsonNode::asText)
        .containsExactly("erin");
    assertThat(stateOf(key, version)).isEqualTo("DESTROYED");
    assertThat(records(id))
        .containsExactly("HoldForApproval admin:carol", "ApproveRequest admin:erin");
    RawHttps.Answer again = ekm.post("/admin/v1/requests/" + id + "/approve", officer, Map.of());
    assertThat(again.status()).isEqualTo(409);
  }

  @Test
  void deleteKey_rejected_neverRuns() throws Exception {
    String key = key("rejected-key");
    String id = ekm.post(key + "/delete", carol, Map.of()).body().path("pendingRequestId").asText();

    JsonNode rejected = ok(ekm.post("/admin/v1/requests/" + id + "/reject", erin, Map.of()));
    RawHttps.Answer late = ekm.post("/admin/v1/requests/" + id + "/approve", officer, Map.of());

    assertThat(rejected.path("state").asText()).isEqualTo("REJECTED");
    assertThat(late.status()).isEqualTo(409);
    assertThat(ok(ekm.get(key, carol)).path("state").asText()).isEqualTo("ACTIVE");
  }

  @Test
  void deleteKey_approvedAfterExpiry_neverRuns() throws Exception {
    String key = key("expiring-key");
    String id = ekm.post(key + "/delete", carol, Map.of()).body().path("pendingRequestId").asText();

    CLOCK.advance(Duration.ofHours(25));
    RawHttps.Answer late = ekm.post("/admin/v1/requests/" + id + "/approve", erin, Map.of());

    assertThat(late.status()).as(late.text()).isEqualTo(409);
    assertThat(late.text()).contains("expired");
    assertThat(ok(ekm.get(key, carol)).path("state").asText()).isEqualTo("ACTIVE");
    assertThat(ok(ekm.get("/admin/v1/requests/" + id, carol)).path("state").asText())
        .isEqualTo("EXPIRED");
  }

  @Test
  void killSwitch_disableKeyAndBlockVault_neverWait() throws Exception {
    String key = key("kill-switch-key");

    JsonNode disabled = ok(ekm.post(key + "/disable", carol, Map.of()));

    assertThat(disabled.path("state").asText()).isEqualTo("DISABLED");
  }

  private static String stateOf(String key, String versionPath) throws Exception {
    String id = versionPath.substring(versionPath.lastIndexOf('/') + 1);
    for (JsonNode v : ok(ekm.get(key + "/versions", carol)).path("items")) {
      if (id.equals(v.path("id").asText())) {
        return v.path("state").asText();
      }
    }
    return "MISSING";
  }

  /** "operation caller" of the records that name the held request {@code id}. */
  private static List<String> records(String id) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode e : ok(ekm.get("/admin/v1/audit?limit=1000", officer)).path("items")) {
      JsonNode r = e.path("record");
      if (id.equals(r.path("details").path("pendingRequestId").asText())) {
        out.add(r.path("operation").asText() + " " + r.path("caller").asText());
      }
    }
    return out;
  }
}
