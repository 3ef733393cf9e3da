package io.ekms.kms.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.kms.domain.Key;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two KMS nodes' sweepers on one database: a pass runs on the node holding the lease only, so due
 * resources are deleted and audited once; the lease passes to the other node when its holder stops
 * renewing it (moved on the test's clock) or lets it go.
 */
class DeletionSweeperLeaseTest {
  private static final Duration LEASE = Duration.ofMinutes(3);
  private final ServiceBed bed = new ServiceBed();
  private final DeletionSweeper a = sweeper("kms-a");
  private final DeletionSweeper b = sweeper("kms-b");

  @AfterEach
  void close() {
    a.close();
    b.close();
    bed.close();
  }

  @Test
  void sweepIfLeased_twoNodes_theWorkIsDoneOnceByTheHolder() {
    scheduleKeys(3);
    bed.clock.advance(Duration.ofDays(30));

    OptionalInt byA = a.sweepIfLeased();
    OptionalInt byB = b.sweepIfLeased();

    assertThat(byA).hasValue(3);
    assertThat(byB).isEmpty();
    assertThat(sweeperRecords()).isEqualTo(3);
  }

  @Test
  void sweepIfLeased_holderRenewsEachPass_otherNodeNeverRuns() {
    assertThat(a.sweepIfLeased()).isPresent();
    for (int i = 0; i < 5; i++) {
      bed.clock.advance(LEASE.minusMillis(1));
      assertThat(b.sweepIfLeased()).isEmpty();
      assertThat(a.sweepIfLeased()).isPresent();
    }
  }

  @Test
  void sweepIfLeased_holderStoppedRenewing_otherNodeTakesOverWhenTheLeaseEnds() {
    assertThat(a.sweepIfLeased()).isPresent();
    scheduleKeys(1);
    bed.clock.advance(LEASE.minusMillis(1));
    assertThat(b.sweepIfLeased()).isEmpty();

    bed.clock.advance(Duration.ofDays(30));

    assertThat(b.sweepIfLeased()).hasValue(1);
    assertThat(a.sweepIfLeased()).isEmpty(); // b holds it now
  }

  @Test
  void close_holderLetsTheLeaseGo_otherNodeTakesOverAtItsNextPass() {
    assertThat(a.sweepIfLeased()).isPresent();

    a.close();

    assertThat(b.sweepIfLeased()).isPresent();
  }

  private DeletionSweeper sweeper(String node) {
    return new DeletionSweeper(bed.db, bed.audit, bed.retryTokens, bed.clock, node, LEASE);
  }

  private void scheduleKeys(int n) {
    for (int i = 0; i < n; i++) {
      Key k = bed.key().key();
      bed.keys.scheduleDeletion(bed.caller(), k.vaultId(), k.id(), null, null);
    }
  }

  private long sweeperRecords() {
    return bed.audited().stream().filter(r -> r.caller().equals("system:deletion-sweeper")).count();
  }
}
