package io.ekms.core.audit;

import java.util.List;

/**
 * The outcome of {@link AuditLog#verify()} over every node's chain: {@code checked} records were
 * recomputed and linked correctly in all of them; when {@code ok} is false, {@code firstBadNode}
 * and {@code firstBadSeq} say where the first broken chain (in node order) breaks and {@code
 * reason} how. {@code chains} has one result per node, in node order.
 */
public record VerifyResult(
    boolean ok,
    long checked,
    String firstBadNode,
    Long firstBadSeq,
    String reason,
    List<ChainResult> chains) {
  public VerifyResult {
    chains = List.copyOf(chains);
    if (ok != (firstBadSeq == null) || ok != (firstBadNode == null)) {
      throw new IllegalArgumentException(
          "verify result: firstBadNode and firstBadSeq are set exactly when not ok");
    }
  }

  /** The summary of {@code chains}. */
  static VerifyResult of(List<ChainResult> chains) {
    long checked = chains.stream().mapToLong(ChainResult::checked).sum();
    for (ChainResult c : chains) {
      if (!c.ok()) {
        return new VerifyResult(false, checked, c.node(), c.firstBadSeq(), c.reason(), chains);
      }
    }
    return new VerifyResult(true, checked, null, null, null, chains);
  }

  /**
   * One node's chain: {@code checked} records from seq 1 were recomputed and linked correctly; when
   * {@code ok} is false, {@code firstBadSeq} is where it breaks (a missing seq for a removed
   * record) and {@code reason} says how.
   */
  public record ChainResult(
      String node, boolean ok, long checked, Long firstBadSeq, String reason) {
    public ChainResult {
      if (ok != (firstBadSeq == null)) {
        throw new IllegalArgumentException("chain result: firstBadSeq is set exactly when not ok");
      }
    }

    static ChainResult good(String node, long checked) {
      return new ChainResult(node, true, checked, null, null);
    }

    static ChainResult bad(String node, long checked, long seq, String reason) {
      return new ChainResult(node, false, checked, seq, reason);
    }
  }
}
