package io.ekms.core.audit;

/**
 * One stored audit record and its place in its node's hash chain: {@code hash} covers {@code
 * prevHash}, {@code node}, {@code seq} and every field of {@code record} (see {@link AuditChain}
 * for the exact encoding). {@code seq} counts within the node's chain, from 1.
 */
public record AuditEntry(String node, long seq, AuditRecord record, String prevHash, String hash) {
  public AuditEntry {
    if (node == null || node.isEmpty()) {
      throw new IllegalArgumentException("audit entry: node is required");
    }
    if (seq < 1) {
      throw new IllegalArgumentException("audit entry: seq starts at 1");
    }
    if (record == null || prevHash == null || hash == null) {
      throw new IllegalArgumentException("audit entry: record, prevHash and hash are required");
    }
  }
}
