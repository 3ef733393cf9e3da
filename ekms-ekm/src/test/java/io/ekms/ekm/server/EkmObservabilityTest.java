package io.ekms.ekm.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.http.Listener;
import org.junit.jupiter.api.Test;

/**
 * What the listeners tell about the EKM itself: the public ones say only whether it is up; metrics
 * and the per-check health are on the admin listener only.
 */
class EkmObservabilityTest {
  @Test
  void publicListeners_healthIsStatusOnly_noMetrics_adminHasBoth() throws Exception {
    EkmConfig.Xks ownListener = new EkmConfig.Xks(new Listener("127.0.0.1", 0), null);
    try (EkmFixture f = new EkmFixture(null, ownListener)) {
      f.encrypt(f.keyId, "x", null);
      HttpJson xks =
          new HttpJson("https://127.0.0.1:" + f.server.xksPort(), f.dataDir.resolve("tls/ca.pem"));

      HttpJson.Text health = f.api.sendRaw("GET", "/health");
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
      for (HttpJson publicListener : new HttpJson[] {f.api, xks}) {
        for (String path : new String[] {"/metrics", "/observe/metrics", "/observe/health"}) {
          HttpJson.Text answer = publicListener.sendRaw("GET", path);
          assertThat(answer.status()).as(path).isEqualTo(404);
          assertThat(answer.body()).as(path).doesNotContain("ekm_requests");
        }
      }

      HttpJson.Text metrics = f.admin.sendRaw("GET", "/metrics");
      assertThat(metrics.status()).isEqualTo(200);
      assertThat(metrics.body()).contains("ekm_requests_seconds_count{operation=\"Encrypt\"");
      var detail = f.admin.get("/health", null);
      assertThat(detail.status()).isEqualTo(200);
      assertThat(detail.body().path("checks").path("database").asText()).isEqualTo("UP");
      assertThat(detail.body().path("checks").path("audit").asText()).isEqualTo("UP");
    }
  }
}
