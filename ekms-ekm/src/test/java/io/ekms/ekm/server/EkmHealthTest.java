package io.ekms.ekm.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.http.Listener;
import io.ekms.ekm.backend.SwitchableBackend;
import io.ekms.ekm.service.Backends;
import io.ekms.testing.RawHttps;
import io.ekms.testing.TempDirs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /health} says whether the EKM can serve: database, audit and key backend (a real encrypt
 * and decrypt, at most every 5 s on the server's ticker). The public listener answers the status
 * alone; the admin listener names each check.
 */
class EkmHealthTest {
  private final Path dataDir = TempDirs.create("ekm-health-");
  private final AtomicLong ticker = new AtomicLong();
  private SwitchableBackend backend;
  private EkmServer server;
  private RawHttps api;
  private RawHttps admin;

  @BeforeEach
  void start() throws Exception {
    EkmConfig config =
        EkmConfig.builder(dataDir)
            .api(new Listener("127.0.0.1", 0))
            .admin(new Listener("127.0.0.1", 0))
            .tokens(new EkmConfig.Tokens("https://ekm.health.test/", 60))
            .build();
    EkmInit.run(config, Map.of());
    server =
        EkmServer.start(
            config,
            Map.of(),
            EkmServer.Hooks.NONE
                .withBackends(
                    opened -> {
                      backend = new SwitchableBackend(opened.forNewKey(null));
                      return new Backends(List.of(backend), backend.name());
                    })
                .withRateTicker(ticker::get));
    Path ca = dataDir.resolve("tls/ca.pem");
    api = RawHttps.at("https://127.0.0.1:" + server.apiPort(), ca);
    admin = RawHttps.at("https://127.0.0.1:" + server.adminPort(), ca);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void health_keyBackendFails_publicDownWithoutDetailAdminNamesTheBackend() throws Exception {
    backend.down = true;

    RawHttps.Answer health = api.bare("GET", "/health");
    var detail = admin.get("/health", null);

    assertThat(health.status()).isEqualTo(503);
    assertThat(health.text()).isEqualTo("{\"status\":\"DOWN\"}");
    assertThat(detail.status()).isEqualTo(503);
    assertThat(detail.body().path("checks").path("keyBackend").asText()).isEqualTo("DOWN");
    assertThat(detail.body().path("checks").path("database").asText()).isEqualTo("UP");
    assertThat(detail.body().path("checks").path("audit").asText()).isEqualTo("UP");
  }

  @Test
  void health_keyBackendBackAfterTheProbeAge_upAgain() throws Exception {
    backend.down = true;
    assertThat(api.bare("GET", "/health").status()).isEqualTo(503);
    backend.down = false;
    assertThat(api.bare("GET", "/health").status()).isEqualTo(503); // the result is reused

    ticker.addAndGet(5_000_000_001L);

    RawHttps.Answer health = api.bare("GET", "/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.text()).isEqualTo("{\"status\":\"UP\"}");
    assertThat(admin.get("/health", null).body().path("checks").path("keyBackend").asText())
        .isEqualTo("UP");
  }

  @Test
  void health_calledOftenWithinTheProbeAge_backendProbedOnce() throws Exception {
    int before = backend.encrypts.get();
    for (int i = 0; i < 5; i++) {
      assertThat(api.bare("GET", "/health").status()).isEqualTo(200);
    }
    assertThat(backend.encrypts.get() - before).isEqualTo(1);
  }
}
