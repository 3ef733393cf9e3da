package io.ekms.kms.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.KeyVersion;
import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.domain.Vault;
import io.ekms.kms.store.KeyRepository;
import io.ekms.kms.store.KeyVersionRepository;
import io.ekms.kms.store.VaultRepository;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A cancelDeletion that was acknowledged is never undone by a sweep running at the same moment. The
 * cancel is started from the sweeper's n-th read of the clock, wherever that falls in the sweep,
 * and given a moment to finish; whether it then succeeded decides what must be stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeletionSweeperRaceTest {
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
  @ValueSource(ints = {1, 2, 3, 4, 5, 6})
  void sweep_keyCancelAcknowledgedMeanwhile_isNeverUndone(int nthRead) throws Exception {
    Key k = bed.key().key();
    bed.keys.scheduleDeletion(bed.caller(), k.vaultId(), k.id(), null, null);

    boolean acknowledged =
        sweepWhile(nthRead, () -> bed.keys.cancelDeletion(bed.caller(), k.vaultId(), k.id(), null));

    Key stored = bed.db.withConnection(c -> new KeyRepository().find(c, k.id())).orElseThrow();
    assertThat(stored.state()).isEqualTo(acknowledged ? Lifecycle.ENABLED : Lifecycle.DELETED);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4})
  void sweep_versionCancelAcknowledgedMeanwhile_isNeverUndone(int nthRead) throws Exception {
    ServiceBed.MadeKey made = bed.key();
    Key k = made.key();
    made.external().rotate();
    bed.versions.create(bed.caller(), k.vaultId(), k.id(), null);
    String v1 = k.currentVersionId();
    bed.versions.scheduleDeletion(bed.caller(), k.vaultId(), k.id(), v1, null, null);

    boolean acknowledged =
        sweepWhile(
            nthRead,
            () -> bed.versions.cancelDeletion(bed.caller(), k.vaultId(), k.id(), v1, null));

    KeyVersion stored =
        bed.db.withConnection(c -> new KeyVersionRepository().find(c, v1)).orElseThrow();
    assertThat(stored.state()).isEqualTo(acknowledged ? Lifecycle.ENABLED : Lifecycle.DELETED);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6})
  void sweep_vaultCancelAcknowledgedMeanwhile_isNeverUndone(int nthRead) throws Exception {
    ServiceBed.MadeKey made = bed.key();
    Vault v = made.vault().vault();
    bed.vaults.scheduleDeletion(bed.caller(), v.id(), null, null);

    boolean acknowledged =
        sweepWhile(nthRead, () -> bed.vaults.cancelDeletion(bed.caller(), v.id(), null));

    Vault stored = bed.db.withConnection(c -> new VaultRepository().find(c, v.id())).orElseThrow();
    Key key =
        bed.db.withConnection(c -> new KeyRepository().find(c, made.key().id())).orElseThrow();
    assertThat(stored.state()).isEqualTo(acknowledged ? Lifecycle.ACTIVE : Lifecycle.DELETED);
    assertThat(key.state()).isEqualTo(acknowledged ? Lifecycle.ENABLED : Lifecycle.DELETED);
  }

  /** Sweeps 30 days on, starting {@code cancel} at the sweeper's n-th clock read. */
  private boolean sweepWhile(int nthRead, Supplier<?> cancel) throws Exception {
    bed.clock.advance(Duration.ofDays(30));
    Thread sweeper = Thread.currentThread();
    AtomicInteger reads = new AtomicInteger();
    AtomicReference<Future<?>> started = new AtomicReference<>();
    bed.clock.onRead(
        () -> {
          if (Thread.currentThread() == sweeper && reads.incrementAndGet() == nthRead) {
            started.set(other.submit(cancel::get));
            try {
              started.get().get(300, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
              // blocked behind the sweeper's lock, or refused: either is fine here
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        });
    try {
      bed.sweeper.sweep();
    } finally {
      bed.clock.onRead(null);
    }
    if (started.get() == null) {
      return false;
    }
    try {
      started.get().get(10, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException e) {
      return false;
    }
  }
}
