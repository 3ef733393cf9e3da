package io.ekms.it.identity;

import static io.ekms.it.identity.IdentityCalls.AUDIENCE;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.admin.client.IdentityAdmin.Client;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.AuditOutage;
import io.ekms.testing.Await;
import io.ekms.testing.RawHttps.Answer;
import io.ekms.testing.TempDirs;
import org.junit.jupiter.api.Test;

/**
 * Under the default REFUSE policy no token leaves the server unaudited: with the audit store broken
 * the token endpoint answers 503 temporarily_unavailable without a token, health says so, and the
 * server serves again once the store is back.
 */
class AuditFailureTest {
  @Test
  void auditStoreBroken_tokenRefused503_thenRecovers() throws Exception {
    try (LoopbackStack stack =
        LoopbackStack.builder(TempDirs.create("identity-audit-failure-")).start()) {
      IdentityCalls f = IdentityCalls.to(stack);
      Client client = f.createClient("kms");
      AuditOutage outage = AuditOutage.of(stack.identityConfig().dataPath());
      try {

        Answer refused =
            Await.answer(
                "a token request refused",
                () -> f.basic(client, AUDIENCE + "oci_ekms"),
                a -> a.status() != 200);

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.error()).isEqualTo("temporarily_unavailable");
        assertThat(refused.text()).doesNotContain("access_token");
        assertThat(f.get("/health").status()).isEqualTo(503);
      } finally {
        outage.close();
      }
      Await.until(
          "the identity server issues tokens again",
          () -> f.basic(client, AUDIENCE + "oci_ekms").status() == 200);
      assertThat(f.adminListener("/metrics").text())
          .contains("identity_requests_seconds_count{operation=\"IssueToken\",result=\"OK\"");
    }
  }
}
