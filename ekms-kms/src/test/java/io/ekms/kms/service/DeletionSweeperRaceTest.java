package io.ekms.kms.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.KeyVersion;
import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.domain.Vault;
import io.ekms.kms.store.KeyRepository;
import io.ekms.kms.store.KeyVersionRepository;
import io.ekms.kms.store.VaultRepository;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A cancelDeletion that was acknowledged is never undone by a sweep running at the same moment. The
 * cancel is started from the sweeper's n-th read of the clock, wherever that falls in the sweep,
 * and the sweeper goes on only once the cancel has either finished or is seen waiting for a row
 * lock the sweeper holds (H2 names the blocking session). Each case states which of the two races
 * it runs, so a sweep that stopped locking, or a test that stopped racing, fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeletionSweeperRaceTest {
  /** Only a hang reaches this: the cancel either finishes or blocks on the sweeper's lock. */
  private static final long HANG_GUARD_NANOS = TimeUnit.SECONDS.toNanos(60);

  /** What the cancel did while the sweeper waited at its n-th clock read. */
  enum Race {
    /** It finished (acknowledged or refused) before the sweeper went on. */
    CANCEL_FINISHED_FIRST,
    /** It waited for a row lock the sweeper held, and went on only after the sweep committed. */
    CANCEL_BLOCKED_BY_SWEEP
  }

  private record Outcome(Race race, boolean acknowledged) {}

  private final ServiceBed bed = new ServiceBed();
  private final ExecutorService other = Executors.newSingleThreadExecutor();

  @BeforeEach
  void reset() {
    bed.reset();
  }

  @AfterAll
  void close() {
    other.shutdownNow();
    bed.close();
  }

  @ParameterizedTest
  @CsvSource({
    "1, CANCEL_FINISHED_FIRST, true",
    "2, CANCEL_FINISHED_FIRST, true",
    "3, CANCEL_BLOCKED_BY_SWEEP, false",
    "4, CANCEL_BLOCKED_BY_SWEEP, false",
    "5, CANCEL_BLOCKED_BY_SWEEP, false",
    "6, CANCEL_FINISHED_FIRST, false"
  })
  void sweep_keyCancelAcknowledgedMeanwhile_isNeverUndone(
      int nthRead, Race race, boolean acknowledged) throws Exception {
    Key k = bed.key().key();
    bed.keys.scheduleDeletion(bed.caller(), k.vaultId(), k.id(), null, null);

    Outcome outcome =
        sweepWhile(nthRead, () -> bed.keys.cancelDeletion(bed.caller(), k.vaultId(), k.id(), null));

    assertThat(outcome).isEqualTo(new Outcome(race, acknowledged));
    Key stored = bed.db.withConnection(c -> new KeyRepository().find(c, k.id())).orElseThrow();
    assertThat(stored.state()).isEqualTo(acknowledged ? Lifecycle.ENABLED : Lifecycle.DELETED);
  }

  @ParameterizedTest
  @CsvSource({
    "1, CANCEL_FINISHED_FIRST, true",
    "2, CANCEL_BLOCKED_BY_SWEEP, false",
    "3, CANCEL_BLOCKED_BY_SWEEP, false",
    "4, CANCEL_FINISHED_FIRST, false"
  })
  void sweep_versionCancelAcknowledgedMeanwhile_isNeverUndone(
      int nthRead, Race race, boolean acknowledged) throws Exception {
    ServiceBed.MadeKey made = bed.key();
    Key k = made.key();
    made.external().rotate();
    bed.versions.create(bed.caller(), k.vaultId(), k.id(), null);
    String v1 = k.currentVersionId();
    bed.versions.scheduleDeletion(bed.caller(), k.vaultId(), k.id(), v1, null, null);

    Outcome outcome =
        sweepWhile(
            nthRead,
            () -> bed.versions.cancelDeletion(bed.caller(), k.vaultId(), k.id(), v1, null));

    assertThat(outcome).isEqualTo(new Outcome(race, acknowledged));
    KeyVersion stored =
        bed.db.withConnection(c -> new KeyVersionRepository().find(c, v1)).orElseThrow();
    assertThat(stored.state()).isEqualTo(acknowledged ? Lifecycle.ENABLED : Lifecycle.DELETED);
  }

  @ParameterizedTest
  @CsvSource({
    "1, CANCEL_FINISHED_FIRST, true",
    "2, CANCEL_FINISHED_FIRST, true",
    "3, CANCEL_FINISHED_FIRST, true",
    "4, CANCEL_BLOCKED_BY_SWEEP, false",
    "5, CANCEL_BLOCKED_BY_SWEEP, false",
    "6, CANCEL_BLOCKED_BY_SWEEP, false"
  })
  void sweep_vaultCancelAcknowledgedMeanwhile_isNeverUndone(
      int nthRead, Race race, boolean acknowledged) throws Exception {
    ServiceBed.MadeKey made = bed.key();
    Vault v = made.vault().vault();
    bed.vaults.scheduleDeletion(bed.caller(), v.id(), null, null);

    Outcome outcome =
        sweepWhile(nthRead, () -> bed.vaults.cancelDeletion(bed.caller(), v.id(), null));

    assertThat(outcome).isEqualTo(new Outcome(race, acknowledged));
    Vault stored = bed.db.withConnection(c -> new VaultRepository().find(c, v.id())).orElseThrow();
    Key key =
        bed.db.withConnection(c -> new KeyRepository().find(c, made.key().id())).orElseThrow();
    assertThat(stored.state()).isEqualTo(acknowledged ? Lifecycle.ACTIVE : Lifecycle.DELETED);
    assertThat(key.state()).isEqualTo(acknowledged ? Lifecycle.ENABLED : Lifecycle.DELETED);
  }

  /**
   * Sweeps 30 days on, starting {@code cancel} at the sweeper's n-th clock read and holding the
   * sweeper there until the cancel has finished or is seen blocked on a lock.
   */
  private Outcome sweepWhile(int nthRead, Supplier<?> cancel) throws Exception {
    bed.clock.advance(Duration.ofDays(30));
    Thread sweeper = Thread.currentThread();
    AtomicInteger reads = new AtomicInteger();
    AtomicReference<Future<?>> started = new AtomicReference<>();
    AtomicReference<Race> race = new AtomicReference<>();
    bed.clock.onRead(
        () -> {
          if (Thread.currentThread() == sweeper && reads.incrementAndGet() == nthRead) {
            Future<?> running = other.submit(cancel::get);
            started.set(running);
            race.set(finishedOrBlocked(running));
          }
        });
    try {
      bed.sweeper.sweep();
    } finally {
      bed.clock.onRead(null);
    }
    assertThat(started.get()).as("the sweep reads the clock %d times", nthRead).isNotNull();
    try {
      started.get().get(HANG_GUARD_NANOS, TimeUnit.NANOSECONDS);
      return new Outcome(race.get(), true);
    } catch (ExecutionException e) {
      return new Outcome(race.get(), false);
    }
  }

  /** Waits, on the sweeper's thread, until the cancel has finished or waits for a row lock. */
  private Race finishedOrBlocked(Future<?> cancel) {
    long guard = System.nanoTime() + HANG_GUARD_NANOS;
    while (System.nanoTime() - guard < 0) {
      if (cancel.isDone()) {
        return Race.CANCEL_FINISHED_FIRST;
      }
      if (aSessionWaitsForALock()) {
        return Race.CANCEL_BLOCKED_BY_SWEEP;
      }
      LockSupport.parkNanos(1_000_000);
    }
    throw new AssertionError("hung: the cancel neither finished nor blocked");
  }

  /** True while some session of the database waits for a lock another one holds. */
  private boolean aSessionWaitsForALock() {
    return bed.db.withConnection(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet r =
                  s.executeQuery(
                      "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS"
                          + " WHERE BLOCKER_ID IS NOT NULL")) {
            r.next();
            return r.getInt(1) > 0;
          }
        });
  }
}
