package io.ekms.ekm.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.audit.AuditLog;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyVersion;
import io.ekms.ekm.service.AuditTrail;
import io.ekms.ekm.service.Backends;
import io.ekms.ekm.service.CallContext;
import io.ekms.ekm.service.CryptoPeriods;
import io.ekms.ekm.service.KeyAdmin;
import io.ekms.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Crypto periods with several EKM nodes on one database: the rotation of a due key is claimed by
 * one conditional UPDATE, so two nodes running their pass at the same moment rotate it once.
 */
abstract class CryptoPeriodContract extends StoreContract {
  private static final CallContext ADMIN = CallContext.admin("req-period", "admin:test");

  @Test
  void claimRotation_sameDueTwice_onlyFirstClaimWins() {
    Seeded s = seedKey();
    Instant due = Instant.ofEpochMilli(1_800_000_000_000L);
    Key periodic = s.key().withRotation(s.key().kmsRotation(), 30, due.minus(Duration.ofDays(30)));
    write(c -> keys.update(c, periodic));

    boolean first = read(c -> keys.claimRotation(c, periodic.id(), due, due.plusSeconds(60)));
    boolean second = read(c -> keys.claimRotation(c, periodic.id(), due, due.plusSeconds(90)));

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(findKey(s.vault().id(), periodic.id()).orElseThrow().nextRotationAt())
        .isEqualTo(due.plusSeconds(60));
  }

  @Test
  void rotateDue_twoNodesAtOnce_rotateTheKeyOncePerPeriod() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    try (AuditLog log = new AuditLog(db);
        RendezvousBackend backend = new RendezvousBackend()) {
      AuditTrail audit = new AuditTrail(log, clock);
      Backends backends = new Backends(List.of(backend), backend.name());
      KeyAdmin admin = new KeyAdmin(db, backends, audit, clock);
      String vaultId = seedVault().id();
      Key key = admin.create(ADMIN, vaultId, "periodic", 256, null, null);
      admin.update(ADMIN, vaultId, key.id(), new KeyAdmin.KeyUpdate(null, null, true, 30));
      CryptoPeriods nodeA = new CryptoPeriods(db, backends, audit, clock);
      CryptoPeriods nodeB = new CryptoPeriods(db, backends, audit, clock);
      assertThat(nodeA.rotateDue()).isZero();

      clock.advance(Duration.ofDays(30));
      backend.barrier = new CyclicBarrier(2);
      int rotated;
      try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
        Future<Integer> a = pool.submit(nodeA::rotateDue);
        Future<Integer> b = pool.submit(nodeB::rotateDue);
        rotated = a.get(30, TimeUnit.SECONDS) + b.get(30, TimeUnit.SECONDS);
      }
      backend.barrier = null;

      assertThat(rotated).isEqualTo(1);
      assertThat(backend.destroyed).hasValue(1);
      List<KeyVersion> stored = listVersions(key.id());
      assertThat(stored).extracting(KeyVersion::number).containsExactly(1, 2);
      Key after = findKey(vaultId, key.id()).orElseThrow();
      assertThat(after.currentVersionId()).isEqualTo(stored.get(1).id());
      assertThat(after.nextRotationAt()).isEqualTo(clock.instant().plus(Duration.ofDays(30)));
      assertThat(nodeA.rotateDue() + nodeB.rotateDue()).isZero();
      assertThat(log.read(0, AuditLog.MAX_READ, null))
          .filteredOn(e -> e.record().caller().equals("system:crypto-period"))
          .extracting(e -> e.record().operation() + " " + e.record().result())
          .containsExactly("RotateKey OK");
    }
  }
}
