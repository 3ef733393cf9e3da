package io.ekms.it.ekm;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.stack.LoopbackStack;
import io.ekms.testing.AuditOutage;
import io.ekms.testing.Await;
import io.ekms.testing.TempDirs;
import org.junit.jupiter.api.Test;

/**
 * With the default REFUSE policy, a broken audit store makes the EKM refuse requests (503) within
 * the bounded wait instead of answering unaudited; health reports it without hanging; once the
 * store is back the EKM serves again without a restart.
 */
class EkmAuditFailureTest {
  @Test
  void auditStoreBroken_requestsRefused503_healthDown_thenRecovers() throws Exception {
    try (LoopbackStack stack = LoopbackStack.builder(TempDirs.create("ekm-audit-")).start()) {
      EkmVault f = EkmVault.ofIdentity(stack);
      var ct = f.encrypt(f.keyId, "before", null);
      AuditOutage outage = AuditOutage.of(stack.dataDir().resolve("ekm"));
      try {
        // A missing store fails the first batch after the writer's next in-place check (within
        // milliseconds); the bounded wait for a store that does not answer is the audit log's own
        // contract (core AuditLogFailureContract), not timed here.
        var refused =
            Await.answer(
                "a decrypt refused", () -> f.decrypt(f.keyId, ct, null), a -> a.status() != 200);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.code()).isEqualTo("AuditUnavailable");
        var health = f.api.get("/health", null);
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.body().toString()).isEqualTo("{\"status\":\"DOWN\"}");
        var detail = f.adminRaw().get("/health", null);
        assertThat(detail.status()).isEqualTo(503);
        assertThat(detail.body().path("checks").path("audit").asText()).isEqualTo("DOWN");
      } finally {
        outage.close();
      }
      Await.until("the EKM serves again", () -> f.decrypt(f.keyId, ct, null).status() == 200);
      assertThat(f.api.get("/health", null).status()).isEqualTo(200);
      var verify = f.admin().verifyAudit();
      assertThat(verify.path("ok").asBoolean()).as(verify.toString()).isTrue();
    }
  }

  @Test
  void metrics_afterTraffic_exposeLatencyHistogramsPerOperationAndResult() throws Exception {
    try (LoopbackStack stack = LoopbackStack.builder(TempDirs.create("ekm-metrics-")).start()) {
      EkmVault f = EkmVault.ofIdentity(stack);
      f.encrypt(f.keyId, "x", null);
      f.api.get(f.apiBase() + "/metadata", null);
      String metrics = f.adminRaw().bare("GET", "/metrics").text();
      assertThat(metrics)
          .contains("ekm_requests_seconds_bucket{operation=\"Encrypt\",result=\"OK\"");
      assertThat(metrics)
          .contains(
              "ekm_requests_seconds_count{operation=\"GetVaultMetadata\",result=\"InvalidToken\"");
    }
  }
}
