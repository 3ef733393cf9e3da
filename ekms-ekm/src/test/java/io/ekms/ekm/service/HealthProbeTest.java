package io.ekms.ekm.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.crypto.Randoms;
import io.ekms.ekm.backend.SwitchableBackend;
import io.ekms.ekm.backend.software.SoftwareKeyBackend;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The deep health check really uses the backend, and reuses its answer. */
class HealthProbeTest {
  @Test
  void status_afterItsMaxAge_probesAgainAndSeesTheBackendDown() {
    SwitchableBackend backend = newBackend();
    AtomicLong ticker = new AtomicLong();
    HealthProbe probe = new HealthProbe(backend, ticker::get);
    assertThat(probe.healthy()).isTrue();
    backend.down = true;
    ticker.addAndGet(HealthProbe.MAX_AGE_NANOS);
    assertThat(probe.healthy()).isTrue(); // still within its age

    ticker.incrementAndGet();

    assertThat(probe.status()).isEqualTo("UNAVAILABLE");
    assertThat(backend.encrypts).hasValue(2);
  }

  @Test
  void status_healthyBackend_activeAndReusedWithinItsMaxAge() {
    SwitchableBackend backend = newBackend();
    HealthProbe probe = new HealthProbe(backend);
    assertThat(probe.status()).isEqualTo("ACTIVE");
    assertThat(probe.status()).isEqualTo("ACTIVE");
    assertThat(backend.encrypts).hasValue(1);
  }

  @Test
  void status_backendDown_unavailable() {
    SwitchableBackend backend = newBackend();
    backend.down = true;
    assertThat(new HealthProbe(backend).status()).isEqualTo("UNAVAILABLE");
  }

  /** A software backend that counts encrypts and can be switched off. */
  private static SwitchableBackend newBackend() {
    return new SwitchableBackend(new SoftwareKeyBackend(SecretBytes.copyOf(Randoms.bytes(32))));
  }
}
