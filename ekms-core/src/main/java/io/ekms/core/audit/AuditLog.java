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
 * <p>{@link #append} returns once the record is committed, and is safe from any number of (virtual)
 * threads: one writer thread commits whatever is queued as one batch. No append waits longer than
 * {@link AuditLogOptions#appendTimeout()}. When the record cannot be stored in time, {@link
 * AuditPolicy#REFUSE} throws {@link AuditUnavailableException} and {@link AuditPolicy#CONTINUE}
 * returns and later records the loss as an {@code AUDIT_GAP} record. Under REFUSE an append that
 * returned is always stored; one that threw may still appear if its batch was already committing
 * when the wait ran out.
 *
 * <p>The chain has one writer: use one {@code AuditLog} per table. A second writer on a shared
 * database makes batches fail on the {@code seq} primary key, never forks the chain.
 */
public final class AuditLog implements AutoCloseable {
  /** The most entries one {@link #read} returns. */
  public static final int MAX_READ = 1000;

  private final AuditLogOptions options;
  private final AuditRepository repository;
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
   * Loads the chain's tail, so appends continue it, and starts the writer thread.
   *
   * @throws StoreException the tail cannot be read: the log cannot start
   */
  public AuditLog(Database database, AuditLogOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    // JDBC timeouts are whole seconds; round up so a statement never gives up before its waiters.
    int timeoutSeconds = (int) Math.max(1, (options.appendTimeout().toMillis() + 999) / 1000);
    this.repository = new AuditRepository(database, timeoutSeconds);
    AuditChain.Tail tail = database.withConnection(repository::tail);
    this.queue = new ArrayBlockingQueue<>(options.maxQueue());
    this.writer = new AuditWriter(repository, options, queue, lost, tail);
    this.thread = Thread.ofPlatform().name("ekms-audit-writer").daemon().start(writer);
  }

  /**
   * Appends {@code record} and returns once it is committed, or per the policy when it cannot be
   * within the bounded wait.
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

  /**
   * Up to {@code limit} (1 to {@link #MAX_READ}) entries with seq above {@code afterSeq}, in seq
   * order, only those of {@code requestIdFilter} when it is not null.
   *
   * @throws StoreException the store failed, or a stored row is not a valid record (run {@link
   *     #verify()})
   */
  public List<AuditEntry> read(long afterSeq, int limit, String requestIdFilter) {
    if (afterSeq < 0 || limit < 1 || limit > MAX_READ) {
      throw new IllegalArgumentException("read: afterSeq >= 0 and limit 1 to " + MAX_READ);
    }
    if (requestIdFilter != null
        && (requestIdFilter.isEmpty() || requestIdFilter.length() > AuditRecord.MAX_REQUEST_ID)) {
      throw new IllegalArgumentException("read: the request id filter is 1 to 128 characters");
    }
    List<AuditEntry> entries = new ArrayList<>();
    for (AuditRepository.StoredRow row : repository.page(afterSeq, limit, requestIdFilter)) {
      if (row.entry() == null) {
        throw new StoreException("audit record " + row.seq() + " is not valid; verify the log");
      }
      entries.add(row.entry());
    }
    return entries;
  }

  /**
   * Recomputes the chain from seq 1 up to the last record committed when the call began.
   *
   * @throws StoreException the store failed while reading
   */
  public VerifyResult verify() {
    return new ChainVerifier(repository).verify(writer.lastSeq());
  }

  /** False while the store fails or a batch hangs; never blocks (for health checks). */
  public boolean healthy() {
    return !closed && thread.isAlive() && writer.healthy(options.appendTimeout().toNanos());
  }

  /** The highest seq committed, or found in the table at start; 0 for an empty log. */
  public long lastSeq() {
    return writer.lastSeq();
  }

  /** How many batches the writer held open for company (see {@link AuditWriter}); for tests. */
  long batchesHeldOpen() {
    return writer.batchesHeldOpen();
  }

  /** Stores what is queued (waiting at most the append timeout), then stops the writer. */
  @Override
  public void close() {
    closed = true;
    writer.stop();
    try {
      thread.join(options.appendTimeout().plusSeconds(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
