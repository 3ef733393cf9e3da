package io.ekms.core.audit;

import io.ekms.core.db.Database;
import io.ekms.core.db.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The append-only, hash-chained audit log: one record per API or admin call, stored in {@code
 * audit_log} and optionally copied to a JSON-lines file. Open the database with the audit
 * migrations next to the module's: {@code Database.open(config, env, "db/<module>", "db/audit")}.
 *
 * <p>Every process is a node ({@link AuditLogOptions#nodeId()}) with its own hash chain: any number
 * of nodes write one database, each record carries its node id, and {@link #verify()} checks every
 * node's chain. At start the log claims its node ({@link NodeClaim}: a second live process with the
 * same node id is refused) and resumes the chain from the tail its row in {@code audit_node}
 * records. See docs/audit.md for the design and its trade-offs.
 *
 * <p>{@link #append} returns once the record is committed, and is safe from any number of (virtual)
 * threads: one writer thread commits whatever is queued as one batch. No append waits longer than
 * {@link AuditLogOptions#appendTimeout()}. When the record cannot be stored in time, {@link
 * AuditPolicy#REFUSE} throws {@link AuditUnavailableException} and {@link AuditPolicy#CONTINUE}
 * returns and later records the loss as an {@code AUDIT_GAP} record. Under REFUSE an append that
 * returned is always stored; one that threw may still appear if its batch was already committing
 * when the wait ran out.
 *
 * <p>A node's chain has one writer. If a second one wrote it anyway (a process whose claim was
 * lost), its batches fail on the node's tail row and the {@code (node_id, seq)} key; the chain
 * never forks.
 */
public final class AuditLog implements AutoCloseable {
  /** The most entries one {@link #read} returns. */
  public static final int MAX_READ = 1000;

  private final AuditLogOptions options;
  private final AuditStore store;
  private final NodeClaim claim;
  private final BlockingQueue<PendingAppend> queue;
  private final LostRecords lost = new LostRecords();
  private final AuditWriter writer;
  private final Thread thread;
  private volatile boolean closed;

  /** An audit log with {@link AuditLogOptions#defaults()}. */
  public AuditLog(Database database) {
    this(database, AuditLogOptions.defaults());
  }

  /**
   * Claims the node, loads its chain's tail, so appends continue it, and starts the writer thread.
   *
   * @throws io.ekms.common.config.Misconfiguration a live process already writes this node's chain
   * @throws StoreException the tail cannot be read: the log cannot start
   */
  public AuditLog(Database database, AuditLogOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    // JDBC timeouts are whole seconds; round up so a statement never gives up before its waiters.
    int timeoutSeconds = (int) Math.max(1, (options.appendTimeout().toMillis() + 999) / 1000);
    this.claim = NodeClaim.acquire(database, options.nodeId());
    AuditStore opened = null;
    try {
      SqlAuditStore rows = new SqlAuditStore(database, timeoutSeconds);
      opened =
          options.chainDirectory() == null || database.isPostgres()
              ? rows
              : FileAuditStore.open(options.chainDirectory(), rows, options.nodeId());
      AuditChain.Tail tail = opened.open(options.nodeId());
      this.queue = new ArrayBlockingQueue<>(options.maxQueue());
      this.writer = new AuditWriter(opened, options, queue, lost, tail);
    } catch (RuntimeException e) {
      if (opened != null) {
        opened.close();
      }
      claim.close();
      throw e;
    }
    this.store = opened;
    this.thread =
        Thread.ofPlatform().name("ekms-audit-writer-" + options.nodeId()).daemon().start(writer);
  }

  /** The node whose chain this log writes. */
  public String nodeId() {
    return options.nodeId();
  }

  /**
   * Appends {@code record} to this node's chain and returns once it is committed, or per the policy
   * when it cannot be within the bounded wait.
   *
   * @throws AuditUnavailableException under {@link AuditPolicy#REFUSE}, when not stored
   */
  public void append(AuditRecord record) {
    Objects.requireNonNull(record, "record");
    long deadline = System.nanoTime() + options.appendTimeout().toNanos();
    PendingAppend pending = new PendingAppend(record);
    try {
      if (closed || !queue.offer(pending, remaining(deadline), TimeUnit.NANOSECONDS)) {
        unavailable(closed ? "the audit log is closed" : "the audit queue is full", null, true);
        return;
      }
      writer.arrived();
      pending.await(remaining(deadline));
    } catch (ExecutionException e) {
      unavailable("the audit store failed", e.getCause(), false);
    } catch (TimeoutException e) {
      unavailable("the audit store did not answer in time", null, pending.abandon());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      unavailable("interrupted while waiting for the audit store", null, pending.abandon());
    }
  }

  /** As {@link #read(String, long, int, String)} on this log's own node. */
  public List<AuditEntry> read(long afterSeq, int limit, String requestIdFilter) {
    return read(options.nodeId(), afterSeq, limit, requestIdFilter);
  }

  /**
   * Up to {@code limit} (1 to {@link #MAX_READ}) entries of {@code node}'s chain with seq above
   * {@code afterSeq}, in seq order, only those of {@code requestIdFilter} when it is not null.
   *
   * @throws StoreException the store failed, or a stored row is not a valid record (run {@link
   *     #verify()})
   */
  public List<AuditEntry> read(String node, long afterSeq, int limit, String requestIdFilter) {
    if (node == null || (!AuditNodes.isValid(node) && !node.equals(AuditNodes.LEGACY))) {
      throw new IllegalArgumentException("read: not a node id");
    }
    if (afterSeq < 0 || limit < 1 || limit > MAX_READ) {
      throw new IllegalArgumentException("read: afterSeq >= 0 and limit 1 to " + MAX_READ);
    }
    if (requestIdFilter != null
        && (requestIdFilter.isEmpty() || requestIdFilter.length() > AuditRecord.MAX_REQUEST_ID)) {
      throw new IllegalArgumentException("read: the request id filter is 1 to 128 characters");
    }
    List<AuditEntry> entries = new ArrayList<>();
    for (AuditStore.StoredRow row : store.page(node, afterSeq, limit, requestIdFilter)) {
      if (row.entry() == null) {
        throw new StoreException(
            "audit record " + row.seq() + " of node " + node + " is not valid; verify the log");
      }
      entries.add(row.entry());
    }
    return entries;
  }

  /**
   * The nodes that have a chain in this log's store (on a shared database: every node that ever
   * wrote), in no particular order.
   *
   * @throws StoreException the store failed while reading
   */
  public List<String> nodes() {
    return store.chains().stream().map(AuditStore.Chain::node).toList();
  }

  /**
   * Recomputes every node's chain from seq 1 up to its last record committed when the call began
   * (for other nodes: as their {@code audit_node} rows say).
   *
   * @throws StoreException the store failed while reading
   */
  public VerifyResult verify() {
    return new ChainVerifier(store).verify(options.nodeId(), writer.lastSeq());
  }

  /** False while the store fails or a batch hangs; never blocks (for health checks). */
  public boolean healthy() {
    return !closed && thread.isAlive() && writer.healthy(options.appendTimeout().toNanos());
  }

  /** The highest seq of this node's chain committed, or found at start; 0 for an empty chain. */
  public long lastSeq() {
    return writer.lastSeq();
  }

  /** How many batches the writer held open for company (see {@link AuditWriter}); for tests. */
  long batchesHeldOpen() {
    return writer.batchesHeldOpen();
  }

  /**
   * Stores what is queued (waiting at most the append timeout), stops the writer and frees the node
   * for the next process.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    writer.stop();
    try {
      thread.join(options.appendTimeout().plusSeconds(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      store.close();
      claim.close();
    }
  }

  private static long remaining(long deadline) {
    return deadline - System.nanoTime();
  }

  /** Applies the policy; {@code countLost} when the writer will never see this record. */
  private void unavailable(String why, Throwable cause, boolean countLost) {
    if (options.policy() == AuditPolicy.REFUSE) {
      throw new AuditUnavailableException("audit log unavailable: " + why, cause);
    }
    if (countLost) {
      lost.add(1, Instant.now());
    }
  }
}
