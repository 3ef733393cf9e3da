package io.ekms.core.audit;

import static io.ekms.core.audit.AuditFixtures.record;
import static io.ekms.core.audit.AuditFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.config.Misconfiguration;
import io.ekms.core.audit.VerifyResult.ChainResult;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * What every audit store must support with several nodes on one database: a chain per node written
 * concurrently, a node id claimed by one live log at a time, a chain resumed after a restart, and
 * verification that names the node whose chain was deleted from, altered or reordered.
 */
abstract class AuditNodesContract extends AuditStoreFixture {
  private AuditLog node(String id) {
    return openLog(AuditLogOptions.defaults().withNodeId(id));
  }

  private static void append(AuditLog log, int records) {
    for (int i = 1; i <= records; i++) {
      log.append(record(log.nodeId() + "-" + i, i));
    }
  }

  @Test
  void append_twoNodesConcurrently_eachChainContiguousAndBothVerify() throws Exception {
    AuditLog a = node("node-a");
    AuditLog b = node("node-b");
    List<Thread> started = new ArrayList<>();
    for (AuditLog log : List.of(a, b)) {
      for (int t = 0; t < 8; t++) {
        int thread = t;
        started.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      for (int i = 0; i < 50; i++) {
                        log.append(record(log.nodeId() + "-" + thread + "-" + i, i));
                      }
                    }));
      }
    }
    for (Thread t : started) {
      t.join();
    }

    List<Long> seqs = LongStream.rangeClosed(1, 400).boxed().toList();
    assertThat(readAll(a, "node-a")).extracting(AuditEntry::seq).isEqualTo(seqs);
    assertThat(readAll(a, "node-b")).extracting(AuditEntry::seq).isEqualTo(seqs);
    assertThat(readAll(b, "node-a")).extracting(AuditEntry::node).containsOnly("node-a");
    VerifyResult expected =
        VerifyResult.of(List.of(ChainResult.good("node-a", 400), ChainResult.good("node-b", 400)));
    assertThat(a.verify()).isEqualTo(expected);
    assertThat(b.verify()).isEqualTo(expected);
  }

  @Test
  void open_nodeIdHeldByALiveLog_refusedUntilClosed() {
    AuditLog first = node("node-a");
    append(first, 3);

    assertThatThrownBy(() -> node("node-a"))
        .isInstanceOf(Misconfiguration.class)
        .hasMessageContaining("audit node 'node-a' is already written by a live process");
    first.close();

    AuditLog second = node("node-a");
    append(second, 2);
    assertThat(second.lastSeq()).isEqualTo(5);
    assertThat(second.verify()).isEqualTo(AuditFixtures.good("node-a", 5));
  }

  @Test
  void open_afterRestart_resumesEachNodesChain() {
    AuditLog a = node("node-a");
    AuditLog b = node("node-b");
    append(a, 4);
    append(b, 2);
    a.close();
    b.close();
    database.close();

    database = track(openDatabase());
    AuditLog b2 = node("node-b");
    append(b2, 3);

    assertThat(b2.lastSeq()).isEqualTo(5);
    assertThat(b2.verify())
        .isEqualTo(
            VerifyResult.of(List.of(ChainResult.good("node-a", 4), ChainResult.good("node-b", 5))));
  }

  @Test
  void append_chainRowMovedByAnotherWriter_batchRefusedAndNothingWritten() {
    AuditLog a = node("node-a");
    append(a, 2);
    // What a second writer of node-a (one that got past the claim) leaves behind: a moved tail.
    sql(database, "UPDATE audit_node SET last_seq = 7 WHERE node_id = 'node-a'");

    assertThatThrownBy(() -> a.append(record("after", 3)))
        .isInstanceOf(AuditUnavailableException.class);
    assertThat(a.read(0, 10, null)).extracting(AuditEntry::seq).containsExactly(1L, 2L);
  }

  @Test
  void verify_recordDeletedInAnotherNodesChain_namesThatNodeAndSeq() {
    AuditLog a = node("node-a");
    append(a, 5);
    append(node("node-b"), 5);
    sql(database, "DELETE FROM audit_log WHERE node_id = 'node-b' AND seq = 3");

    VerifyResult result = a.verify();

    assertThat(result.ok()).isFalse();
    assertThat(result.firstBadNode()).isEqualTo("node-b");
    assertThat(result.firstBadSeq()).isEqualTo(3);
    assertThat(result.reason()).isEqualTo("record 3 is missing");
    assertThat(result.chains()).first().isEqualTo(ChainResult.good("node-a", 5));
  }

  @Test
  void verify_lastRecordDeletedInAnotherNodesChain_reportsTheMissingEnd() {
    AuditLog a = node("node-a");
    append(a, 2);
    append(node("node-b"), 4);
    sql(database, "DELETE FROM audit_log WHERE node_id = 'node-b' AND seq = 4");

    assertThat(a.verify().chains())
        .containsExactly(
            ChainResult.good("node-a", 2),
            ChainResult.bad("node-b", 3, 4, "records 4 to 4 are missing at the end of the chain"));
  }

  @Test
  void verify_recordAlteredInAnotherNodesChain_namesThatNodeAndSeq() {
    AuditLog a = node("node-a");
    append(a, 3);
    append(node("node-b"), 6);
    sql(database, "UPDATE audit_log SET result = 'DENIED' WHERE node_id = 'node-b' AND seq = 5");

    VerifyResult result = a.verify();

    assertThat(result.firstBadNode()).isEqualTo("node-b");
    assertThat(result.firstBadSeq()).isEqualTo(5);
    assertThat(result.checked()).isEqualTo(3 + 4);
    assertThat(result.reason()).isEqualTo("hash does not match the stored content");
  }

  @Test
  void verify_recordsSwappedInAnotherNodesChain_namesThatNodeAndFirstMovedSeq() {
    AuditLog a = node("node-a");
    append(a, 3);
    append(node("node-b"), 6);
    sql(
        database,
        "UPDATE audit_log SET seq = -2 WHERE node_id = 'node-b' AND seq = 2",
        "UPDATE audit_log SET seq = 2 WHERE node_id = 'node-b' AND seq = 3",
        "UPDATE audit_log SET seq = 3 WHERE node_id = 'node-b' AND seq = -2");

    VerifyResult result = a.verify();

    assertThat(result.firstBadNode()).isEqualTo("node-b");
    assertThat(result.firstBadSeq()).isEqualTo(2);
    assertThat(result.reason()).isEqualTo("prevHash does not link to record 1");
  }

  @Test
  void verify_recordMovedToAnotherNode_reportsBothChains() {
    AuditLog a = node("node-a");
    append(a, 3);
    append(node("node-b"), 3);
    sql(
        database,
        "UPDATE audit_log SET node_id = 'node-b', seq = 4 WHERE node_id = 'node-a'"
            + " AND seq = 3");

    assertThat(a.verify().chains())
        .containsExactly(
            ChainResult.bad("node-a", 2, 3, "records 3 to 3 are missing at the end of the chain"),
            ChainResult.good("node-b", 3));
  }

  @Test
  void verify_tailRewrittenWithAValidHash_reportsTheChainRow() {
    AuditLog a = node("node-a");
    append(a, 2);
    AuditLog b = node("node-b");
    append(b, 2);
    AuditEntry last = b.read(1, 1, null).get(0);
    AuditRecord forged =
        new AuditRecord(
            last.record().time(), "forged", "c", "ENCRYPT", null, null, null, "OK", null);
    String hash = AuditChain.hash(last.prevHash(), "node-b", 2, forged);
    sql(
        database,
        "UPDATE audit_log SET request_id = 'forged', caller = 'c', vault = NULL, key_id = NULL,"
            + " version_id = NULL, details = '{}', hash = '"
            + hash
            + "' WHERE node_id = 'node-b' AND seq = 2");

    assertThat(a.verify().chains())
        .contains(
            ChainResult.bad("node-b", 1, 2, "record 2 is not the last record the chain row holds"));
  }

  @Test
  void verify_recordsOfANodeWithoutChainRow_reported() {
    AuditLog a = node("node-a");
    append(a, 1);
    append(node("node-b"), 1);
    sql(database, "DELETE FROM audit_node WHERE node_id = 'node-b'");

    assertThat(a.verify().chains())
        .containsExactly(
            ChainResult.good("node-a", 1),
            ChainResult.bad("node-b", 0, 1, "records of node node-b have no chain row"));
  }

  @Test
  void read_anotherNodesChain_returnsItsEntriesWithTheirNode() {
    AuditLog a = node("node-a");
    append(node("node-b"), 2);

    assertThat(a.read("node-b", 0, 10, null))
        .extracting(AuditEntry::node, AuditEntry::seq)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("node-b", 1L),
            org.assertj.core.groups.Tuple.tuple("node-b", 2L));
    assertThat(a.read(0, 10, null)).isEmpty();
    assertThatThrownBy(() -> a.read("bad id", 0, 10, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<AuditEntry> readAll(AuditLog log, String node) {
    List<AuditEntry> all = new ArrayList<>();
    long after = 0;
    while (true) {
      List<AuditEntry> page = log.read(node, after, AuditLog.MAX_READ, null);
      all.addAll(page);
      if (page.size() < AuditLog.MAX_READ) {
        return all;
      }
      after = page.get(page.size() - 1).seq();
    }
  }
}
