package io.ekms.core.audit;

import java.util.List;
import java.util.function.Function;

/**
 * Where the chains of an {@link AuditLog} are kept: rows of the shared database ({@link
 * SqlAuditStore}, the only choice on PostgreSQL, where many nodes write one database) or one
 * append-only file per chain beside an embedded H2 database ({@link FileAuditStore}). The log's
 * writer thread is the only caller of {@link #append}; reads come from any thread.
 */
interface AuditStore extends AutoCloseable {
  /** Creates {@code node}'s chain unless it exists, and returns its tail. */
  AuditChain.Tail open(String node);

  /**
   * Links records to {@code node}'s tail ({@code known}, or read again from the store when null)
   * with {@code link}, stores them durably and moves the tail to the last of them, all or nothing.
   *
   * @return what {@code link} returned, now stored
   * @throws io.ekms.core.db.StoreException the store failed (the batch may or may not be stored:
   *     the caller forgets its tail), or the chain moved under this writer
   */
  List<AuditChain.Linked> append(
      String node, AuditChain.Tail known, Function<AuditChain.Tail, List<AuditChain.Linked>> link);

  /** Every chain, in node order. */
  List<Chain> chains();

  /** Nodes that have records but no chain (a removed chain row, or records put in by hand). */
  List<String> orphans();

  /**
   * Up to {@code limit} records of {@code node}'s chain after {@code afterSeq} in seq order, only
   * those of {@code requestId} when it is not null.
   */
  List<StoredRow> page(String node, long afterSeq, int limit, String requestId);

  @Override
  void close();

  /** One record as read: {@code entry} when it decodes, otherwise {@code defect} says why not. */
  record StoredRow(long seq, AuditEntry entry, String defect) {}

  /**
   * A chain: its node, hash format (1: legacy, 2: node hashed), {@code tail}, the end that
   * verification must reach with that hash, and {@code end}, the last seq stored (at least the
   * tail's; records past the tail are verified too).
   */
  record Chain(String node, int format, AuditChain.Tail tail, long end) {
    /** The node as the hash covers it: null for format 1. */
    String hashedNode() {
      return format == 1 ? null : node;
    }
  }
}
