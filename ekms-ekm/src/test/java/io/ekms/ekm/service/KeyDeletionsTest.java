package io.ekms.ekm.service;

import static io.ekms.ekm.service.ServiceBed.ctx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.error.ApiException;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyState;
import io.ekms.ekm.domain.KeyVersionState;
import io.ekms.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deleting a key with a waiting period on a real H2 store, on a hand-moved clock: pending and
 * cancellable, deleted once its time has come, by exactly one of two nodes.
 */
class KeyDeletionsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2031-03-01T10:00:00Z"));
  private final ServiceBed bed = new ServiceBed("key-deletions", clock);
  private final KeyDeletions deletions = new KeyDeletions(bed.db, bed.keys, bed.audit, clock, 30);

  @AfterEach
  void close() {
    deletions.close();
    bed.close();
  }

  private KeyState state(Key key) {
    return bed.keys.get(ctx("get"), bed.vaultId, key.id()).state();
  }

  @Test
  void delete_default_pendingForThirtyDaysAndAudited() {
    Key key = bed.key("k");

    KeyDeletions.Pending pending = deletions.delete(ctx("req-del"), bed.vaultId, key.id(), null);

    assertThat(pending.key().state()).isEqualTo(KeyState.PENDING_DELETION);
    assertThat(pending.deletionTime()).isEqualTo(clock.instant().plus(Duration.ofDays(30)));
    assertThat(deletions.deletionTime(key.id())).isEqualTo(pending.deletionTime());
    assertThat(bed.record("req-del").operation()).isEqualTo("ScheduleKeyDeletion");
    assertThat(deletions.deleteDue()).isZero();
    assertThat(state(key)).isEqualTo(KeyState.PENDING_DELETION);
  }

  @Test
  void delete_outOfRangeOrTwice_refusedAndNothingChanges() {
    Key key = bed.key("k");

    assertThatThrownBy(() -> deletions.delete(ctx("r6"), bed.vaultId, key.id(), 6))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> deletions.delete(ctx("r31"), bed.vaultId, key.id(), 31))
        .isInstanceOf(ApiException.class);
    assertThat(state(key)).isEqualTo(KeyState.ACTIVE);
    deletions.delete(ctx("r7"), bed.vaultId, key.id(), 7);
    assertThatThrownBy(() -> deletions.delete(ctx("again"), bed.vaultId, key.id(), 7))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
    assertThatThrownBy(() -> bed.keys.setState(ctx("en"), bed.vaultId, key.id(), KeyState.ACTIVE))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
  }

  @Test
  void cancel_pending_keyComesBackDisabledAndIsNeverDeleted() {
    Key key = bed.key("k");
    deletions.delete(ctx("del"), bed.vaultId, key.id(), 7);

    Key cancelled = deletions.cancel(ctx("req-cancel"), bed.vaultId, key.id());
    clock.advance(Duration.ofDays(8));

    assertThat(cancelled.state()).isEqualTo(KeyState.DISABLED);
    assertThat(deletions.deleteDue()).isZero();
    assertThat(state(key)).isEqualTo(KeyState.DISABLED);
    assertThat(deletions.deletionTime(key.id())).isNull();
    assertThat(bed.record("req-cancel").operation()).isEqualTo("CancelKeyDeletion");
    assertThatThrownBy(() -> deletions.cancel(ctx("c2"), bed.vaultId, key.id()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
  }

  @Test
  void deleteDue_afterTheWaitingPeriod_destroysEveryVersionOnce() {
    Key key = bed.key("k");
    deletions.delete(ctx("del"), bed.vaultId, key.id(), 7);
    clock.advance(Duration.ofDays(7).minusSeconds(1));
    assertThat(deletions.deleteDue()).isZero();

    clock.advance(Duration.ofSeconds(2));
    int deleted = deletions.deleteDue();

    assertThat(deleted).isEqualTo(1);
    assertThatThrownBy(() -> state(key))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    java.util.List<io.ekms.ekm.domain.KeyVersion> left =
        bed.db.withConnection(c -> new io.ekms.ekm.store.KeyVersionRepository().list(c, key.id()));
    assertThat(left).allSatisfy(v -> assertThat(v.state()).isEqualTo(KeyVersionState.DESTROYED));
    assertThat(deletions.deleteDue()).isZero();
  }

  @Test
  void deleteDue_twoNodesAtOnce_deleteTheKeyOnce() throws Exception {
    Key key = bed.key("k");
    deletions.delete(ctx("del"), bed.vaultId, key.id(), 7);
    clock.advance(Duration.ofDays(8));
    KeyDeletions other = new KeyDeletions(bed.db, bed.keys, bed.audit, clock, 30);
    CountDownLatch go = new CountDownLatch(1);

    var a = CompletableFuture.supplyAsync(() -> await(go, deletions));
    var b = CompletableFuture.supplyAsync(() -> await(go, other));
    go.countDown();

    assertThat(a.get() + b.get()).isEqualTo(1);
    other.close();
  }

  private static int await(CountDownLatch go, KeyDeletions node) {
    try {
      go.await();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    return node.deleteDue();
  }

  @Test
  void delete_immediateWhenConfiguredZero_deletedAtOnce() {
    KeyDeletions immediate = new KeyDeletions(bed.db, bed.keys, bed.audit, clock, 0);
    Key key = bed.key("k");

    KeyDeletions.Pending done = immediate.delete(ctx("now"), bed.vaultId, key.id(), null);

    assertThat(done.key().state()).isEqualTo(KeyState.DELETED);
    assertThat(done.deletionTime()).isNull();
    immediate.close();
  }
}
