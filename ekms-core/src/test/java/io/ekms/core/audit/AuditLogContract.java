package io.ekms.core.audit;

import static io.ekms.core.audit.AuditFixtures.bad;
import static io.ekms.core.audit.AuditFixtures.good;
import static io.ekms.core.audit.AuditFixtures.readAll;
import static io.ekms.core.audit.AuditFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * What every audit store must support: round trips, a chain that verifies and catches tampering,
 * restarts, concurrency and the JSON-lines copy. Store failures are in {@link
 * AuditLogFailureContract}.
 */
abstract class AuditLogContract extends AuditStoreFixture {
  private AuditLog logWith(int records) {
    AuditLog log = openLog(AuditLogOptions.defaults());
    for (int i = 1; i <= records; i++) {
      log.append(record("req-" + i, i));
    }
    return log;
  }

  @Test
  void append_thenRead_returnsSameRecordsLinkedInOrder() {
    AuditLog log = openLog(AuditLogOptions.defaults());
    AuditRecord full = record("req-1", 1);
    AuditRecord sparse =
        new AuditRecord(
            AuditFixtures.T0, "req-2", "admin", "LIST_VAULTS", null, null, null, "OK", null);

    log.append(full);
    log.append(sparse);
    List<AuditEntry> entries = log.read(0, 10, null);

    assertThat(entries).extracting(AuditEntry::record).containsExactly(full, sparse);
    assertThat(entries).extracting(AuditEntry::seq).containsExactly(1L, 2L);
    assertThat(entries.get(0).prevHash()).isEqualTo(AuditChain.GENESIS_HASH);
    assertThat(entries.get(1).prevHash()).isEqualTo(entries.get(0).hash());
    assertThat(entries.get(1).hash())
        .isEqualTo(AuditChain.hash(entries.get(0).hash(), log.nodeId(), 2, sparse));
    assertThat(log.lastSeq()).isEqualTo(2);
    assertThat(log.healthy()).isTrue();
  }

  @Test
  void read_requestIdFilterAndPaging_returnsMatchingPage() {
    AuditLog log = openLog(AuditLogOptions.defaults());
    for (int i = 1; i <= 10; i++) {
      log.append(record(i % 2 == 0 ? "even" : "odd", i));
    }

    List<AuditEntry> even = log.read(0, 100, "even");
    List<AuditEntry> next = log.read(even.get(1).seq(), 2, "even");

    assertThat(even).extracting(AuditEntry::seq).containsExactly(2L, 4L, 6L, 8L, 10L);
    assertThat(next).extracting(AuditEntry::seq).containsExactly(6L, 8L);
    assertThat(log.read(10, 5, null)).isEmpty();
    assertThat(log.read(0, 100, "nobody")).isEmpty();
  }

  @Test
  void read_invalidArguments_throws() {
    AuditLog log = openLog(AuditLogOptions.defaults());
    assertThatThrownBy(() -> log.read(-1, 10, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.read(0, 0, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.read(0, AuditLog.MAX_READ + 1, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.read(0, 10, "")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void verify_untouchedChain_isOk() {
    AuditLog log = logWith(25);
    assertThat(log.verify()).isEqualTo(good(25));
  }

  @Test
  void verify_emptyLog_isOk() {
    assertThat(openLog(AuditLogOptions.defaults()).verify()).isEqualTo(good(0));
  }

  @Test
  void verify_resultUpdated_reportsThatSeq() {
    AuditLog log = logWith(10);
    tamper().setResult(6, "DENIED");

    VerifyResult result = log.verify();

    assertThat(result.ok()).isFalse();
    assertThat(result.firstBadSeq()).isEqualTo(6);
    assertThat(result.checked()).isEqualTo(5);
    assertThat(result.reason()).contains("hash does not match");
  }

  @Test
  void verify_detailsNotJson_reportsThatSeq() {
    AuditLog log = logWith(4);
    tamper().breakDetails(3);

    assertThat(log.verify()).isEqualTo(bad(2, 3, "the stored row is not a valid record"));
    assertThatThrownBy(() -> log.read(0, 10, null)).hasMessageContaining("audit record 3");
  }

  @Test
  void verify_middleRowDeleted_reportsMissingSeq() {
    AuditLog log = logWith(10);
    tamper().delete(5);

    assertThat(log.verify()).isEqualTo(bad(4, 5, "record 5 is missing"));
  }

  @Test
  void verify_deletedRowWithSeqsRenumbered_reportsBrokenLink() {
    AuditLog log = logWith(6);
    tamper().deleteAndRenumber(3, 6);

    VerifyResult result = log.verify();

    assertThat(result.firstBadSeq()).isEqualTo(3);
    assertThat(result.reason()).contains("prevHash does not link");
  }

  @Test
  void verify_twoRowsSwapped_reportsFirstMovedSeq() {
    AuditLog log = logWith(8);
    tamper().swap(4, 5);

    VerifyResult result = log.verify();

    assertThat(result.firstBadSeq()).isEqualTo(4);
    assertThat(result.reason()).contains("prevHash does not link to record 3");
  }

  @Test
  void verify_lastRowDeleted_reportsMissingEnd() {
    AuditLog log = logWith(10);
    tamper().delete(10);

    assertThat(log.verify())
        .isEqualTo(bad(9, 10, "records 10 to 10 are missing at the end of the chain"));
  }

  @Test
  void append_afterReopen_continuesChain() {
    AuditLog first = logWith(5);
    String tailHash = first.read(4, 1, null).get(0).hash();
    first.close();
    database.close();

    database = track(openDatabase());
    AuditLog reopened = openLog(AuditLogOptions.defaults());
    assertThat(reopened.lastSeq()).isEqualTo(5);
    for (int i = 6; i <= 10; i++) {
      reopened.append(record("req-" + i, i));
    }

    assertThat(reopened.read(5, 1, null).get(0).prevHash()).isEqualTo(tailHash);
    assertThat(reopened.verify()).isEqualTo(good(10));
  }

  @Test
  void append_64VirtualThreadsBy200_allDurableContiguousAndVerified() throws Exception {
    AuditLog log = openLog(AuditLogOptions.defaults());
    int threads = 64;
    int perThread = 200;
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      started.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    for (int i = 0; i < perThread; i++) {
                      log.append(record("t" + thread + "-" + i, i));
                    }
                  }));
    }
    for (Thread t : started) {
      t.join();
    }

    List<AuditEntry> all = readAll(log);
    long total = (long) threads * perThread;
    // isEqualTo: as strict as containsExactly (order and elements) but linear, not quadratic.
    assertThat(all.stream().map(AuditEntry::seq).toList()).isEqualTo(seqs(total));
    assertThat(all.stream().map(e -> e.record().requestId()).distinct().count()).isEqualTo(total);
    assertThat(log.lastSeq()).isEqualTo(total);
    assertThat(log.verify()).isEqualTo(good(total));
  }

  @Test
  void append_loneAppenderWithLongGroupCommitWait_neverWaitsForCompany() {
    AuditLog log = openLog(AuditLogOptions.defaults().withGroupCommitWait(Duration.ofMillis(100)));
    for (int i = 1; i <= 30; i++) {
      log.append(record("alone-" + i, i));
    }
    // Counted, not timed: the writer counts every batch it holds open (AuditWriterTest shows the
    // count moves when it does), and one appender at a time must never cause one.
    assertThat(log.batchesHeldOpen()).isZero();
    assertThat(log.verify()).isEqualTo(good(30));
  }

  @Test
  void append_concurrentWithGroupCommitWait_allDurableContiguousAndVerified() throws Exception {
    AuditLog log = openLog(AuditLogOptions.defaults().withGroupCommitWait(Duration.ofMillis(20)));
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < 16; t++) {
      int thread = t;
      started.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    // Uneven work, so appenders finish at different times and batches shrink.
                    for (int i = 0; i < 20 + 5 * thread; i++) {
                      log.append(record("g" + thread + "-" + i, i));
                    }
                  }));
    }
    for (Thread t : started) {
      t.join();
    }
    long total = 16 * 20 + 5 * (15 * 16 / 2);
    assertThat(readAll(log).stream().map(AuditEntry::seq).toList()).isEqualTo(seqs(total));
    assertThat(log.verify()).isEqualTo(good(total));
  }

  @Test
  void append_withJsonLinesFile_writesOneParseableLinePerRecord() throws Exception {
    Path file = AuditFixtures.scratch("audit-jsonl-").resolve("audit.jsonl");
    AuditLog log = openLog(AuditLogOptions.defaults().withJsonLinesFile(file));
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      writers.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    for (int i = 0; i < 5; i++) {
                      log.append(record("j" + thread + "-" + i, i));
                    }
                  }));
    }
    for (Thread t : writers) {
      t.join();
    }
    List<AuditEntry> stored = log.read(0, 100, null);
    log.close();

    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(20);
    for (int i = 0; i < lines.size(); i++) {
      JsonNode line = Json.mapper().readTree(lines.get(i));
      AuditEntry entry = stored.get(i);
      assertThat(line.get("seq").asLong()).isEqualTo(entry.seq());
      assertThat(line.get("hash").asText()).isEqualTo(entry.hash());
      assertThat(line.get("prevHash").asText()).isEqualTo(entry.prevHash());
      assertThat(line.get("requestId").asText()).isEqualTo(entry.record().requestId());
      assertThat(line.get("time").asText()).isEqualTo(entry.record().time().toString());
      assertThat(line.get("details").get("note").asText()).isEqualTo("line one\nline \"two\"");
    }
  }

  private static List<Long> seqs(long upTo) {
    return LongStream.rangeClosed(1, upTo).boxed().toList();
  }
}
