package io.ekms.core.audit;

import static io.ekms.core.audit.AuditFixtures.await;
import static io.ekms.core.audit.AuditFixtures.readAll;
import static io.ekms.core.audit.AuditFixtures.record;
import static io.ekms.core.audit.AuditFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every audit store must do when it fails: REFUSE throws within the bounded wait and keeps the
 * chain consistent, CONTINUE returns and records the gap, and neither waits forever on a stuck
 * store.
 *
 * <p>Nothing here times an append against a limit a slow machine could miss: the reason in the
 * message tells whether an append gave up at its own deadline or on the store's error, a stuck
 * store stays stuck until the test has seen the appends return, and the only elapsed time checked
 * is a lower bound (an append that gave up at its deadline waited at least the timeout), which more
 * load can only make longer.
 */
abstract class AuditLogFailureContract extends AuditStoreFixture {
  private static final Duration TIMEOUT = Duration.ofMillis(400);

  private AuditLog openLog(AuditPolicy policy) {
    return openLog(AuditLogOptions.defaults().withPolicy(policy).withAppendTimeout(TIMEOUT));
  }

  @Test
  void append_refuseAndDatabaseClosed_throwsWithinBoundedWait() {
    AuditLog log = openLog(AuditPolicy.REFUSE);
    log.append(record("before", 1));
    database.close();

    // "failed", not "did not answer in time": the error ended the wait, not the deadline.
    assertThatThrownBy(() -> log.append(record("secret-free-id", 2)))
        .isInstanceOf(AuditUnavailableException.class)
        .hasMessage("audit log unavailable: the audit store failed")
        .hasMessageNotContaining("secret-free-id");
    assertThat(log.healthy()).isFalse();
  }

  @Test
  void append_refuseAndTableMissing_throwsThenContinuesChain() {
    AuditLog log = openLog(AuditPolicy.REFUSE);
    log.append(record("before", 1));
    sql(database, "ALTER TABLE audit_log RENAME TO audit_log_away");

    assertThatThrownBy(() -> log.append(record("during", 2)))
        .isInstanceOf(AuditUnavailableException.class);
    assertThat(log.healthy()).isFalse();

    sql(database, "ALTER TABLE audit_log_away RENAME TO audit_log");
    await("the log is healthy again", log::healthy);
    log.append(record("after", 3));

    assertThat(readAll(log))
        .extracting(e -> e.record().requestId())
        .containsExactly("before", "after");
    assertThat(log.verify()).isEqualTo(AuditFixtures.good(2));
  }

  @Test
  void append_continueAndTableMissing_returnsThenRecordsGap() {
    AuditLog log = openLog(AuditPolicy.CONTINUE);
    log.append(record("before", 1));
    sql(database, "ALTER TABLE audit_log RENAME TO audit_log_away");

    for (int i = 0; i < 5; i++) {
      log.append(record("lost-" + i, i));
    }
    assertThat(log.healthy()).isFalse();
    sql(database, "ALTER TABLE audit_log_away RENAME TO audit_log");
    await("the log is healthy again", log::healthy);
    log.append(record("after", 7));

    List<AuditEntry> all = readAll(log);
    assertThat(all)
        .extracting(e -> e.record().operation())
        .containsExactly("ENCRYPT", "AUDIT_GAP", "ENCRYPT");
    AuditRecord gap = all.get(1).record();
    assertThat(gap.details()).containsEntry("lost", "5").containsKey("since");
    assertThat(gap.result()).isEqualTo("LOST");
    assertThat(log.verify()).isEqualTo(AuditFixtures.good(3));
  }

  @Test
  void append_refuseAndStoreStuck_throwsWithinBoundedWait() throws Exception {
    AuditLog log = openLog(AuditPolicy.REFUSE);
    log.append(record("before", 1));

    try (Connection blocker = holdNextSeq(log)) {
      long start = System.nanoTime();
      // It returns while the store still holds the row: the deadline ended the wait (the message
      // says so; the store's own statement timeout would say "failed"), no sooner than the timeout.
      assertThatThrownBy(() -> log.append(record("stuck", 2)))
          .isInstanceOf(AuditUnavailableException.class)
          .hasMessage("audit log unavailable: the audit store did not answer in time");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(TIMEOUT);
      await("health reports the stuck store", () -> !log.healthy());
      blocker.rollback();
    }

    await("the log is healthy again", log::healthy);
    log.append(record("after", 3));
    assertThat(readAll(log).get(0).record().requestId()).isEqualTo("before");
    assertThat(log.verify().ok()).isTrue();
  }

  @Test
  void append_continueAndStoreStuck_returnsAndAccountsForEveryRecord() throws Exception {
    AuditLog log = openLog(AuditPolicy.CONTINUE);
    log.append(record("before", 1));
    int appends = 20;

    try (Connection blocker = holdNextSeq(log)) {
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < appends; i++) {
        int n = i;
        threads.add(Thread.ofVirtual().start(() -> log.append(record("stuck-" + n, n))));
      }
      // Every append returns while the store still holds the row (it is released only after).
      for (Thread t : threads) {
        t.join();
      }
      blocker.rollback();
    }
    await("the log is healthy again", log::healthy);
    log.append(record("after", 99));

    List<AuditEntry> all = readAll(log);
    long stored = all.stream().filter(e -> e.record().requestId().startsWith("stuck-")).count();
    long lost =
        all.stream()
            .filter(e -> e.record().operation().equals("AUDIT_GAP"))
            .mapToLong(e -> Long.parseLong(e.record().details().get("lost")))
            .sum();
    assertThat(stored + lost).isEqualTo(appends);
    assertThat(all.get(all.size() - 1).record().requestId()).isEqualTo("after");
    assertThat(log.verify().ok()).isTrue();
  }

  @Test
  void append_afterClose_failsPerPolicy() {
    AuditLog refusing = openLog(AuditPolicy.REFUSE);
    refusing.close();
    assertThatThrownBy(() -> refusing.append(record("late", 1)))
        .isInstanceOf(AuditUnavailableException.class)
        .hasMessageContaining("closed");
    assertThat(refusing.healthy()).isFalse();

    AuditLog continuing = openLog(AuditPolicy.CONTINUE);
    continuing.close();
    continuing.append(record("late", 2));
    assertThat(continuing.read(0, 10, null)).isEmpty();
  }

  /**
   * Inserts the row the writer will want next in an open transaction, so the writer's insert waits
   * on its lock: a store that is up but does not answer. Rolling back releases it.
   */
  private Connection holdNextSeq(AuditLog log) throws SQLException {
    Connection c = database.dataSource().getConnection();
    c.setAutoCommit(false);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO audit_log (node_id, seq, recorded_at, request_id, caller, operation,"
                + " result, details, prev_hash, hash) VALUES (?, ?, 0, 'blocker', 'test', 'BLOCK',"
                + " 'OK', '{}', 'x', 'x')")) {
      ps.setString(1, log.nodeId());
      ps.setLong(2, log.lastSeq() + 1);
      ps.executeUpdate();
    }
    return c;
  }
}
