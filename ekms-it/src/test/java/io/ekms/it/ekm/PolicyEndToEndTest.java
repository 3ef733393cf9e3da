package io.ekms.it.ekm;

import static io.ekms.it.ekm.GcpStore.KEY_PATH;
import static io.ekms.it.ekm.GcpStore.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.RawHttps;
import io.ekms.testing.TempDirs;
import io.ekms.testing.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Key-access policies end to end over HTTPS, one EKM key behind the three protocols: a policy on
 * the vault, the key or a key store decides each protocol's calls and each protocol refuses in its
 * own format; a change applies to the next request; a bad condition is refused with its position;
 * decisions and changes are audited.
 */
class PolicyEndToEndTest {
  private static final String ALICE = "arn:aws:iam::123456789012:user/Alice";
  private static final String BOB = "arn:aws:iam::123456789012:user/Bob";
  static LoopbackStack stack;
  static TestIssuer google;
  static EkmVault ekm;
  static XksStore xks;
  static GcpStore gcp;

  @BeforeAll
  static void start() throws Exception {
    stack = LoopbackStack.builder(TempDirs.create("policies-")).start();
    google = TestIssuer.start();
    ekm = EkmVault.ofIdentity(stack);
    xks = new XksStore(ekm);
    gcp = new GcpStore(ekm, google);
  }

  @AfterAll
  static void stop() {
    stack.close();
    google.close();
  }

  @AfterEach
  void removeEveryPolicy() throws Exception {
    for (JsonNode p : admin("GET", "/admin/v1/policies", null).body().path("items")) {
      assertThat(admin("DELETE", "/admin/v1/policies/" + p.path("id").asText(), null).status())
          .isEqualTo(200);
    }
  }

  private static RawHttps.Answer admin(String method, String path, Object body) throws Exception {
    return ekm.adminRaw()
        .send(method, path, ekm.adminToken(), body == null ? null : Json.writeString(body));
  }

  private static String create(String name, String scope, String scopeId, String effect, String x)
      throws Exception {
    var a =
        admin(
            "POST",
            "/admin/v1/policies",
            Map.of(
                "name",
                name,
                "scope",
                scope,
                "scopeId",
                scopeId,
                "effect",
                effect,
                "expression",
                x));
    assertThat(a.status()).as(a.text()).isEqualTo(201);
    return a.body().path("id").asText();
  }

  private static String auditText() throws Exception {
    var audit = admin("GET", "/admin/v1/audit?limit=1000", null);
    assertThat(audit.status()).isEqualTo(200);
    return audit.body().toString();
  }

  private static XksCurl.Answer xksEncrypt(String principal) throws Exception {
    Map<String, Object> metadata = new HashMap<>(XksStore.metadata());
    metadata.put("awsPrincipalArn", principal);
    return xks.xks.post(
        XksStore.BASE + "/keys/full/encrypt",
        XksStore.AKID1,
        XksStore.SECRET1,
        Map.of(
            "requestMetadata",
            metadata,
            "plaintext",
            XksStore.b64("dek"),
            "encryptionAlgorithm",
            "AES_GCM"));
  }

  private static RawHttps.Answer gcpWrap(String reason) throws Exception {
    return gcp.ekm.api.post(
        KEY_PATH + ":wrap",
        gcp.idToken().sign(),
        GcpStore.wrapBody("dek".getBytes(StandardCharsets.UTF_8), null, reason));
  }

  @Test
  void ociEkmApi_denyDecryptOnTheVault_encryptsRefusesDecryptAndAuditsThePolicy() throws Exception {
    JsonNode before = ekm.encrypt(ekm.keyId, "before any policy", null);
    String id = create("no-decrypt", "vault", ekm.vaultId, "DENY", "operation == 'decrypt'");

    JsonNode ct = ekm.encrypt(ekm.keyId, "x", null);
    var refused = ekm.decrypt(ekm.keyId, ct, null);
    var refusedToo = ekm.decrypt(ekm.keyId, before, null);

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo("PolicyDenied");
    assertThat(refused.text()).doesNotContain(id).doesNotContain("no-decrypt");
    assertThat(refusedToo.status()).isEqualTo(403);
    assertThat(auditText())
        .contains("\"policy.id\":\"" + id + "\"")
        .contains("\"policy.decision\":\"deny\"")
        .contains("DENY policy no-decrypt matched")
        .contains("allowed by 1 policy: no-decrypt")
        .contains("no policy applies");
  }

  @Test
  void xks_decryptOnlyForBob_bobsEncryptAccessDeniedAlicesAllowed() throws Exception {
    create(
        "bob-decrypts-only",
        "xksKeyStore",
        xks.storeId,
        "ALLOW",
        "caller != '" + BOB + "' || operation == 'decrypt'");

    assertThat(xksEncrypt(ALICE).status()).isEqualTo(200);
    XksErrorTableTest.expect(xksEncrypt(BOB), 403, "AccessDeniedException");
  }

  @Test
  void gcp_customerInitiatedOnly_otherAndMissingReasonsRefusedOnTheReasonField() throws Exception {
    create(
        "cia-only", "gcpKeyStore", gcp.storeId, "ALLOW", "reason == 'CUSTOMER_INITIATED_ACCESS'");

    assertThat(gcpWrap("CUSTOMER_INITIATED_ACCESS").status()).isEqualTo(200);
    for (String reason : new String[] {"GOOGLE_INITIATED_SERVICE", null}) {
      var a = gcpWrap(reason);
      expect(a, 403, 7);
      assertThat(
              a.body().path("details").get(0).path("fieldViolations").get(0).path("field").asText())
          .isEqualTo("additionalContext.accessReasonContext.reason");
    }
  }

  @Test
  void gcp_serviceAccountPolicy_refusedWithoutAReasonViolation() throws Exception {
    create("other-sa", "gcpKeyStore", gcp.storeId, "ALLOW", "caller == 'x@y.example'");

    var a = gcpWrap("CUSTOMER_INITIATED_ACCESS");

    expect(a, 403, 7);
    assertThat(a.body().path("details")).isEmpty();
  }

  @Test
  void replace_atRunTime_theNextRequestFollowsTheNewTextAndTheAuditHasBoth() throws Exception {
    String id = create("freeze", "key", ekm.keyId, "DENY", "true");
    assertThat(
            ekm.api
                .post(
                    ekm.apiBase() + "/keys/" + ekm.keyId + "/encrypt",
                    ekm.token(),
                    Map.of("plaintext", EkmVault.b64("x")))
                .status())
        .isEqualTo(403);

    var replaced =
        admin("PUT", "/admin/v1/policies/" + id, Map.of("effect", "DENY", "expression", "1 > 2"));
    assertThat(replaced.status()).as(replaced.text()).isEqualTo(200);
    assertThat(replaced.body().path("revision").asLong()).isEqualTo(2);

    ekm.encrypt(ekm.keyId, "x", null);
    assertThat(auditText())
        .contains("\"oldExpression\":\"true\"")
        .contains("\"newExpression\":\"1 > 2\"");
  }

  @Test
  void create_badCondition_refused400WithItsPosition() throws Exception {
    var undeclared =
        admin(
            "POST",
            "/admin/v1/policies",
            Map.of(
                "name",
                "typo",
                "scope",
                "vault",
                "scopeId",
                ekm.vaultId,
                "effect",
                "ALLOW",
                "expression",
                "caller == 'a' && callr == 'b'"));
    var notBoolean =
        admin(
            "POST",
            "/admin/v1/policies",
            Map.of(
                "name",
                "str",
                "scope",
                "vault",
                "scopeId",
                ekm.vaultId,
                "effect",
                "ALLOW",
                "expression",
                "caller"));

    assertThat(undeclared.status()).isEqualTo(400);
    assertThat(undeclared.code()).isEqualTo("InvalidRequest");
    assertThat(undeclared.text()).contains("line 1, column 18").contains("callr");
    assertThat(notBoolean.status()).isEqualTo(400);
    assertThat(admin("GET", "/admin/v1/policies", null).body().path("items")).isEmpty();
  }

  @Test
  void create_unknownVaultOrBadScope_refused() throws Exception {
    var unknown =
        admin(
            "POST",
            "/admin/v1/policies",
            Map.of(
                "name",
                "p",
                "scope",
                "vault",
                "scopeId",
                "vlt-" + "0".repeat(32),
                "effect",
                "ALLOW",
                "expression",
                "true"));
    var badScope =
        admin(
            "POST",
            "/admin/v1/policies",
            Map.of(
                "name",
                "p",
                "scope",
                "tenant",
                "scopeId",
                ekm.vaultId,
                "effect",
                "ALLOW",
                "expression",
                "true"));

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(badScope.status()).isEqualTo(400);
    assertThat(List.of(unknown.code(), badScope.code()))
        .containsExactly("NotFound", "InvalidRequest");
  }
}
