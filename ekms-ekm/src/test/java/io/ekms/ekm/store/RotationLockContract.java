package io.ekms.ekm.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.audit.AuditLog;
import io.ekms.ekm.domain.Key;
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
        RendezvousBackend backend = new RendezvousBackend()) {
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
}
