package io.ekms.core.audit;

import io.ekms.core.audit.VerifyResult.ChainResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Recomputes every node's stored chain page by page (memory stays bounded however long the log is)
 * and reports, per node, the first break: a missing seq (removed record), a prevHash that does not
 * link (removed, inserted or reordered record), a hash that does not match the content (altered
 * record), a chain shorter than its row in {@code audit_node} says (records cut off at the end) or
 * whose last hash differs from that row's (the end rewritten), and records of a node that has no
 * chain row.
 */
final class ChainVerifier {
  static final int PAGE_SIZE = 1000;

  private final AuditStore store;
  private final AuditChain.Hasher hasher = new AuditChain.Hasher();

  ChainVerifier(AuditStore store) {
    this.store = store;
  }

  /**
   * Verifies every chain up to its tail as recorded when verification began; for {@code ownNode} at
   * least up to {@code ownCommittedSeq}, the last seq this process knows committed, so a tail row
   * moved back is caught too. Records appended meanwhile are left to the next run, so verification
   * ends under steady traffic.
   */
  VerifyResult verify(String ownNode, long ownCommittedSeq) {
    List<ChainResult> results = new ArrayList<>();
    for (AuditStore.Chain chain : store.chains()) {
      long bound = Math.max(chain.end(), chain.tail().seq());
      if (chain.node().equals(ownNode)) {
        bound = Math.max(bound, ownCommittedSeq);
      }
      results.add(verify(chain, bound));
    }
    for (String orphan : store.orphans()) {
      results.add(
          ChainResult.bad(orphan, 0, 1, "records of node " + orphan + " have no chain row"));
    }
    results.sort(Comparator.comparing(ChainResult::node));
    return VerifyResult.of(results);
  }

  /**
   * Records 1 to {@code committedSeq}; the record at the chain's recorded tail must carry the
   * tail's hash.
   */
  private ChainResult verify(AuditStore.Chain chain, long committedSeq) {
    String node = chain.node();
    AuditChain.Tail tail = chain.tail();
    long expectedSeq = 1;
    String prevHash = AuditChain.GENESIS_HASH;
    while (expectedSeq <= committedSeq) {
      List<AuditStore.StoredRow> page = store.page(node, expectedSeq - 1, PAGE_SIZE, null);
      for (AuditStore.StoredRow row : page) {
        if (row.seq() > committedSeq) {
          break;
        }
        String problem = problem(chain, row, expectedSeq, prevHash);
        if (problem != null) {
          return ChainResult.bad(node, expectedSeq - 1, expectedSeq, problem);
        }
        prevHash = row.entry().hash();
        if (expectedSeq == tail.seq() && !tail.hash().equals(prevHash)) {
          return ChainResult.bad(
              node,
              expectedSeq - 1,
              expectedSeq,
              "record " + expectedSeq + " is not the last record the chain row holds");
        }
        expectedSeq++;
      }
      if (page.size() < PAGE_SIZE || page.get(page.size() - 1).seq() > committedSeq) {
        break;
      }
    }
    if (expectedSeq <= committedSeq) {
      return ChainResult.bad(
          node,
          expectedSeq - 1,
          expectedSeq,
          "records "
              + expectedSeq
              + " to "
              + committedSeq
              + " are missing at the end of the chain");
    }
    return ChainResult.good(node, committedSeq);
  }

  private String problem(
      AuditStore.Chain chain, AuditStore.StoredRow row, long expectedSeq, String prevHash) {
    if (row.seq() != expectedSeq) {
      return "record " + expectedSeq + " is missing";
    }
    if (row.defect() != null) {
      return row.defect();
    }
    AuditEntry entry = row.entry();
    if (!entry.prevHash().equals(prevHash)) {
      return "prevHash does not link to record " + (expectedSeq - 1);
    }
    String hash = hasher.hash(prevHash, chain.hashedNode(), entry.seq(), entry.record());
    if (!hash.equals(entry.hash())) {
      return "hash does not match the stored content";
    }
    return null;
  }
}
