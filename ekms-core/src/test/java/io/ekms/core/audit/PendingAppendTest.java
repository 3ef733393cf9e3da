package io.ekms.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.db.StoreException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class PendingAppendTest {
  private final PendingAppend pending = new PendingAppend(AuditFixtures.record("r", 1));

  @Test
  void abandon_whileQueued_preventsClaim() {
    assertThat(pending.abandon()).isTrue();
    assertThat(pending.claim()).isFalse();
  }

  @Test
  void abandon_afterClaim_isRefused() {
    assertThat(pending.claim()).isTrue();
    assertThat(pending.abandon()).isFalse();
  }

  @Test
  void await_noOutcome_timesOut() {
    assertThatThrownBy(() -> pending.await(1_000_000)).isInstanceOf(TimeoutException.class);
  }

  @Test
  void await_afterStoredOrFailed_returnsOrThrowsCause() throws Exception {
    pending.stored();
    pending.await(0);

    PendingAppend failing = new PendingAppend(AuditFixtures.record("r", 2));
    failing.failed(new StoreException("down"));
    assertThatThrownBy(() -> failing.await(0))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(StoreException.class);
  }
}
