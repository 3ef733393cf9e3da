package io.ekms.ekm.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The 429 row of the error table: over the vault's configured rate, with Retry-After. */
class EkmRateLimitTest {
  @Test
  void requests_overTheVaultRate_are429AndAudited() throws Exception {
    try (EkmFixture f = new EkmFixture(new EkmConfig.RateLimit(1, 3))) {
      String token = f.token();
      int ok = 0;
      HttpJson.Answer last = null;
      for (int i = 0; i < 6; i++) {
        last = f.api.get(f.apiBase() + "/metadata", token);
        ok += last.status() == 200 ? 1 : 0;
      }
      assertThat(ok).isBetween(3, 4);
      assertThat(last.status()).isEqualTo(429);
      assertThat(last.code()).isEqualTo("TooManyRequests");
      assertThat(last.retryAfter()).isEqualTo("1");
      var audit = f.admin.get("/admin/v1/audit?limit=1000", f.adminToken).body().path("items");
      assertThat(audit.toString()).contains("\"result\":\"TooManyRequests\"");
    }
  }
}
