package io.ekms.core.audit;

import static io.ekms.core.audit.AuditFixtures.readAll;
import static io.ekms.core.audit.AuditFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.db.Database;
import io.ekms.core.db.DatabaseConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Refusals} on a real H2 audit log; flushes are driven by the test, not a timer. */
class RefusalsTest extends AuditStoreFixture {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

  @Override
  protected Database openDatabase() {
    return Database.open(
        DatabaseConfig.h2File(AuditFixtures.scratch("refusals-"), "audit"), Map.of(), "db/audit");
  }

  private Refusals refusals(AuditLog log, int maxSources) {
    return track(new Refusals(log, CLOCK, Duration.ofSeconds(1), maxSources, false));
  }

  private List<AuditRecord> refusalRecords(AuditLog log) {
    return readAll(log).stream()
        .map(AuditEntry::record)
        .filter(r -> r.operation().equals(Refusals.OPERATION))
        .toList();
  }

  @Test
  void flush_thousandRefusalsFromOneSource_writesOneRecordCountingAll() {
    AuditLog log = openLog(AuditLogOptions.defaults());
    Refusals refusals = refusals(log, 4);
    for (int i = 0; i < 1_000; i++) {
      refusals.refused("10.0.0.7", i % 3 == 0 ? "Encrypt" : "Decrypt", "InvalidToken", "r-" + i);
    }
    long before = log.lastSeq();

    refusals.flush();

    assertThat(log.lastSeq() - before).isEqualTo(1);
    AuditRecord r = refusalRecords(log).get(0);
    assertThat(r.caller()).isEqualTo(Refusals.CALLER);
    assertThat(r.result()).isEqualTo("InvalidToken");
    assertThat(r.requestId()).isEqualTo("r-0");
    assertThat(r.details())
        .containsEntry("source", "10.0.0.7")
        .containsEntry("count", "1000")
        .containsEntry("operations", "Encrypt=334,Decrypt=666")
        .containsEntry("requestIds", "r-0,r-1,r-2,r-3");
    assertThat(refusals.pending()).isZero();
  }

  @Test
  void flush_manySourcesAndReasons_boundedRecordsAndNothingUncounted() {
    AuditLog log = openLog(AuditLogOptions.defaults());
    Refusals refusals = refusals(log, 4);
    for (int i = 0; i < 500; i++) {
      refusals.refused("10.0.1." + i, "Decrypt", i % 2 == 0 ? "InvalidToken" : "Other", "r" + i);
    }

    refusals.flush();

    List<AuditRecord> records = refusalRecords(log);
    assertThat(records).hasSizeLessThanOrEqualTo(4 + 2);
    assertThat(records.stream().mapToLong(r -> Long.parseLong(r.details().get("count"))).sum())
        .isEqualTo(500);
    assertThat(records)
        .anySatisfy(r -> assertThat(r.details().get("source")).isEqualTo(Refusals.OTHER_SOURCES));
  }

  @Test
  void flush_claimedIdentities_keepsFirstDistinctOnes() {
    AuditLog log = openLog(AuditLogOptions.defaults());
    Refusals refusals = refusals(log, 4);
    for (int i = 0; i < 20; i++) {
      refusals.refused("10.0.0.9", "IssueToken", "invalid_client", "r" + i, "cli-" + (i % 6));
    }
    refusals.refused("10.0.0.9", "IssueToken", "invalid_client", "r-last", null);

    refusals.flush();

    assertThat(refusalRecords(log).get(0).details())
        .containsEntry("claimed", "cli-0,cli-1,cli-2,cli-3")
        .containsEntry("count", "21");
  }

  @Test
  void flush_nothingCounted_writesNothing() {
    AuditLog log = openLog(AuditLogOptions.defaults());
    Refusals refusals = refusals(log, 4);

    refusals.flush();

    assertThat(log.lastSeq()).isZero();
  }

  @Test
  void flush_storeRefuses_keepsCountsForNextFlush() {
    AuditLog log = openLog(AuditLogOptions.defaults().withAppendTimeout(Duration.ofMillis(500)));
    Refusals refusals = refusals(log, 4);
    refusals.refused("10.0.0.1", "Decrypt", "InvalidToken", "a");
    sql(database, "ALTER TABLE audit_log RENAME TO audit_log_away");

    assertThatThrownBy(refusals::flush).isInstanceOf(AuditUnavailableException.class);
    refusals.refused("10.0.0.1", "Encrypt", "InvalidToken", "b");
    sql(database, "ALTER TABLE audit_log_away RENAME TO audit_log");
    assertThat(refusals.pending()).isEqualTo(2);
    refusals.flush();

    AuditRecord r = refusalRecords(log).get(0);
    assertThat(r.details()).containsEntry("count", "2").containsEntry("requestIds", "a,b");
    assertThat(log.verify().ok()).isTrue();
  }

  @Test
  void refused_hostileTextInRequestIdAndOperation_recordStillWritten() {
    AuditLog log = openLog(AuditLogOptions.defaults());
    Refusals refusals = refusals(log, 4);
    refusals.refused("::1", "Op\u0000".repeat(50), "InvalidToken", "id\uD800".repeat(100));

    refusals.flush();

    assertThat(refusalRecords(log)).hasSize(1);
  }
}
