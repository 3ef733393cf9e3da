package io.ekms.ekm.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.crypto.AuthenticationFailedException;
import io.ekms.core.crypto.Randoms;
import io.ekms.ekm.backend.BackendUnavailableException;
import io.ekms.ekm.backend.GcmOutput;
import io.ekms.ekm.backend.KeyBackend;
import io.ekms.ekm.backend.software.SoftwareKeyBackend;
import io.ekms.ekm.domain.KeyHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The deep health check really uses the backend, and reuses its answer. */
class HealthProbeTest {
  /** A software backend that counts encrypts and can be switched off. */
  static final class Switchable implements KeyBackend {
    final KeyBackend inner = new SoftwareKeyBackend(SecretBytes.copyOf(Randoms.bytes(32)));
    final AtomicInteger encrypts = new AtomicInteger();
    volatile boolean down;

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public KeyHandle generate(String keyVersionId, int lengthBits) {
      return inner.generate(keyVersionId, lengthBits);
    }

    @Override
    public GcmOutput encrypt(
        KeyHandle handle, String keyVersionId, byte[] iv, byte[] plaintext, byte[] aad) {
      encrypts.incrementAndGet();
      if (down) {
        throw new BackendUnavailableException("device down", null);
      }
      return inner.encrypt(handle, keyVersionId, iv, plaintext, aad);
    }

    @Override
    public byte[] decrypt(
        KeyHandle handle, String keyVersionId, byte[] iv, byte[] ct, byte[] tag, byte[] aad)
        throws AuthenticationFailedException {
      return inner.decrypt(handle, keyVersionId, iv, ct, tag, aad);
    }

    @Override
    public void destroy(KeyHandle handle, String keyVersionId) {
      inner.destroy(handle, keyVersionId);
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  @Test
  void status_afterItsMaxAge_probesAgainAndSeesTheBackendDown() {
    Switchable backend = new Switchable();
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
    Switchable backend = new Switchable();
    HealthProbe probe = new HealthProbe(backend);
    assertThat(probe.status()).isEqualTo("ACTIVE");
    assertThat(probe.status()).isEqualTo("ACTIVE");
    assertThat(backend.encrypts).hasValue(1);
  }

  @Test
  void status_backendDown_unavailable() {
    Switchable backend = new Switchable();
    backend.down = true;
    assertThat(new HealthProbe(backend).status()).isEqualTo("UNAVAILABLE");
  }
}
