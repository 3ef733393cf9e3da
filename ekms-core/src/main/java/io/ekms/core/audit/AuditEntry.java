package io.ekms.core.audit;

/**
 * One stored audit record and its place in the hash chain: {@code hash} covers {@code prevHash},
 * {@code seq} and every field of {@code record} (see {@link AuditChain} for the exact encoding).
 */
public record AuditEntry(long seq, AuditRecord record, String prevHash, String hash) {
  public AuditEntry {
    if (seq < 1) {
      throw new IllegalArgumentException("audit entry: seq starts at 1");
    }
    if (record == null || prevHash == null || hash == null) {
      throw new IllegalArgumentException("audit entry: record, prevHash and hash are required");
    }
  }
}
