package io.ekms.it.ekm;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.http.Listener;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.RawHttps;
import io.ekms.testing.TempDirs;
import org.junit.jupiter.api.Test;

/**
 * What the listeners tell about the EKM itself: the public ones say only whether it is up; metrics
 * and the per-check health are on the admin listener only.
 */
class EkmObservabilityTest {
  @Test
  void publicListeners_healthIsStatusOnly_noMetrics_adminHasBoth() throws Exception {
    EkmConfig.Xks ownListener = new EkmConfig.Xks(new Listener("127.0.0.1", 0), null);
    try (LoopbackStack stack =
        LoopbackStack.builder(TempDirs.create("ekm-observe-"))
            .ekm(ekm -> ekm.xks(ownListener))
            .start()) {
      EkmVault f = EkmVault.ofIdentity(stack);
      f.encrypt(f.keyId, "x", null);
      RawHttps xks = RawHttps.at("https://127.0.0.1:" + stack.ekm().xksPort(), stack.caFile());

      RawHttps.Answer health = f.api.bare("GET", "/health");
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.text()).isEqualTo("{\"status\":\"UP\"}");
      for (RawHttps publicListener : new RawHttps[] {f.api, xks}) {
        for (String path : new String[] {"/metrics", "/observe/metrics", "/observe/health"}) {
          RawHttps.Answer answer = publicListener.bare("GET", path);
          assertThat(answer.status()).as(path).isEqualTo(404);
          assertThat(answer.text()).as(path).doesNotContain("ekm_requests");
        }
      }

      RawHttps.Answer metrics = f.adminRaw().bare("GET", "/metrics");
      assertThat(metrics.status()).isEqualTo(200);
      assertThat(metrics.text()).contains("ekm_requests_seconds_count{operation=\"Encrypt\"");
      var detail = f.adminRaw().get("/health", null);
      assertThat(detail.status()).isEqualTo(200);
      assertThat(detail.body().path("checks").path("database").asText()).isEqualTo("UP");
      assertThat(detail.body().path("checks").path("audit").asText()).isEqualTo("UP");
    }
  }
}
