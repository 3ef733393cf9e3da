package io.ekms.ekm.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.audit.AuditLog;
import io.ekms.ekm.backend.GcmOutput;
import io.ekms.ekm.backend.KeyBackend;
import io.ekms.ekm.backend.software.SoftwareKeyBackend;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyHandle;
import io.ekms.ekm.domain.KeyVersion;
import io.ekms.ekm.service.AuditTrail;
import io.ekms.ekm.service.Backends;
import io.ekms.ekm.service.CallContext;
import io.ekms.ekm.service.KeyAdmin;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link KeyRepository#findForUpdate} serialises rotations of one key: two admins rotating at the
 * same moment get consecutive version numbers, never the same one.
 */
abstract class RotationLockContract extends StoreContract {
  private static final CallContext ADMIN = CallContext.admin("req-rotation", "admin:test");
  private static final int ROUNDS = 5;

  @Test
  void rotate_twoConcurrentRotationsOfOneKey_getConsecutiveNumbers() throws Exception {
    try (AuditLog log = new AuditLog(db);
        Rendezvous backend = new Rendezvous()) {
      Clock clock = Clock.systemUTC();
      KeyAdmin admin =
          new KeyAdmin(
              db,
              new Backends(List.of(backend), backend.name()),
              new AuditTrail(log, clock),
              clock);
      String vaultId = seedVault().id();
      Key key = admin.create(ADMIN, vaultId, "rotated", 256, null, null);
      backend.barrier = new CyclicBarrier(2);
      try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
        for (int round = 0; round < ROUNDS; round++) {
          Future<KeyVersion> a = pool.submit(() -> admin.rotate(ADMIN, vaultId, key.id()));
          Future<KeyVersion> b = pool.submit(() -> admin.rotate(ADMIN, vaultId, key.id()));
          int first = 2 + 2 * round;
          assertThat(List.of(number(a), number(b)))
              .as("round %d", round)
              .containsExactlyInAnyOrder(first, first + 1);
        }
      }

      List<KeyVersion> stored = listVersions(key.id());
      assertThat(stored)
          .extracting(KeyVersion::number)
          .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
      Key after = findKey(vaultId, key.id()).orElseThrow();
      assertThat(after.currentVersionId()).isEqualTo(stored.get(stored.size() - 1).id());
    }
  }

  private static int number(Future<KeyVersion> rotation) throws Exception {
    return rotation.get(30, TimeUnit.SECONDS).number();
  }

  /** The software backend, with generate held until both rotations reach it. */
  private static final class Rendezvous implements KeyBackend {
    private final SoftwareKeyBackend delegate =
        new SoftwareKeyBackend(SecretBytes.adopt(new byte[32]));
    volatile CyclicBarrier barrier;

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public KeyHandle generate(String keyVersionId, int lengthBits) {
      CyclicBarrier b = barrier;
      if (b != null) {
        try {
          b.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException("rotations did not meet", e);
        }
      }
      return delegate.generate(keyVersionId, lengthBits);
    }

    @Override
    public GcmOutput encrypt(KeyHandle h, String id, byte[] iv, byte[] plaintext, byte[] aad) {
      return delegate.encrypt(h, id, iv, plaintext, aad);
    }

    @Override
    public byte[] decrypt(KeyHandle h, String id, byte[] iv, byte[] ct, byte[] tag, byte[] aad)
        throws io.ekms.core.crypto.AuthenticationFailedException {
      return delegate.decrypt(h, id, iv, ct, tag, aad);
    }

    @Override
    public void destroy(KeyHandle handle, String keyVersionId) {
      delegate.destroy(handle, keyVersionId);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
