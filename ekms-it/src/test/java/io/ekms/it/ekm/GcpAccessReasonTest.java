package io.ekms.it.ekm;

import static io.ekms.it.ekm.GcpStore.KEY_PATH;
import static io.ekms.it.ekm.GcpStore.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.stack.LoopbackStack;
import io.ekms.testing.RawHttps;
import io.ekms.testing.TempDirs;
import io.ekms.testing.TestIssuer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Key Access Justifications: by default every reason is allowed; a key store can refuse reasons,
 * MISSING and UNKNOWN included, and a refusal names the reason field; every decision is audited
 * with its reason.
 */
class GcpAccessReasonTest {
  static LoopbackStack stack;
  static TestIssuer google;
  static GcpStore f;

  @BeforeAll
  static void start() throws Exception {
    stack = LoopbackStack.builder(TempDirs.create("gcp-reasons-")).start();
    google = TestIssuer.start();
    f = new GcpStore(EkmVault.ofIdentity(stack), google);
  }

  @AfterAll
  static void stop() {
    stack.close();
    google.close();
  }

  @AfterEach
  void allowAll() throws Exception {
    assertThat(f.denyReasons().status()).isEqualTo(200);
  }

  static RawHttps.Answer wrap(String reason) throws Exception {
    return f.ekm.api.post(
        KEY_PATH + ":wrap",
        f.idToken().sign(),
        GcpStore.wrapBody("dek".getBytes(StandardCharsets.UTF_8), null, reason));
  }

  @Test
  void byDefault_everyReasonMissingAndUnknown_allowed() throws Exception {
    for (String reason :
        new String[] {
          "REASON_UNSPECIFIED", "CUSTOMER_INITIATED_ACCESS", "GOOGLE_INITIATED_SERVICE", "99", null
        }) {
      assertThat(wrap(reason).status()).as(String.valueOf(reason)).isEqualTo(200);
    }
  }

  @Test
  void deniedReason_byNameOrNumber_permissionDeniedWithFieldViolation() throws Exception {
    assertThat(f.denyReasons("THIRD_PARTY_DATA_REQUEST").status()).isEqualTo(200);
    for (String reason : new String[] {"THIRD_PARTY_DATA_REQUEST", "3"}) {
      var a = wrap(reason);
      expect(a, 403, 7);
      var detail = a.body().path("details").get(0);
      assertThat(detail.path("@type").asText())
          .isEqualTo("type.googleapis.com/google.rpc.BadRequest");
      assertThat(detail.path("fieldViolations").get(0).path("field").asText())
          .isEqualTo("additionalContext.accessReasonContext.reason");
    }
    assertThat(wrap("CUSTOMER_INITIATED_ACCESS").status()).isEqualTo(200);
  }

  @Test
  void deniedMissingAndUnknown_refusedSeparately() throws Exception {
    assertThat(f.denyReasons("MISSING").status()).isEqualTo(200);
    expect(wrap(null), 403, 7);
    assertThat(wrap("42").status()).isEqualTo(200);
    assertThat(f.denyReasons("UNKNOWN").status()).isEqualTo(200);
    expect(wrap("42"), 403, 7);
    expect(wrap("SOME_FUTURE_REASON"), 403, 7);
    assertThat(wrap(null).status()).isEqualTo(200);
  }

  @Test
  void setDeniedReasons_unknownName_invalidRequest() throws Exception {
    assertThat(f.denyReasons("NOT_A_REASON").status()).isEqualTo(400);
  }

  @Test
  void decisions_auditedWithTheirReason() throws Exception {
    assertThat(f.denyReasons("GOOGLE_INITIATED_REVIEW").status()).isEqualTo(200);
    expect(wrap("GOOGLE_INITIATED_REVIEW"), 403, 7);
    assertThat(wrap("CUSTOMER_INITIATED_SUPPORT").status()).isEqualTo(200);
    var audit = f.ekm.adminRaw().get("/admin/v1/audit?limit=1000", f.ekm.adminToken());
    assertThat(audit.status()).as(audit.body().toString()).isEqualTo(200);
    String text = audit.body().toString();
    assertThat(text).contains("GOOGLE_INITIATED_REVIEW").contains("CUSTOMER_INITIATED_SUPPORT");
    assertThat(text).contains("PERMISSION_DENIED");
  }
}
