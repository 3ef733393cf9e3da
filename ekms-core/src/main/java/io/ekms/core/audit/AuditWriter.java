package io.ekms.core.audit;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The single writer of this node's chain (group commit): it drains the queue, links up to {@code
 * maxBatch} records to the tail, inserts them and advances the node's tail row in one transaction,
 * and then releases every waiter of the batch. One writer per node means the chain needs no locks;
 * one commit per batch is what lets thousands of appends per second through.
 *
 * <p>Group commit waits only when it pays: when the last batch held several records, appends are
 * arriving concurrently, so the writer holds the batch open up to {@code groupCommitWait} (1 ms by
 * default) for more; see {@link #gather}. A lone appender (last batch of one) never waits.
 *
 * <p>After a failed batch the cached tail is dropped and re-read inside the next transaction, since
 * a failed commit may still have landed. While idle it retries every {@link #RETRY_NANOS} when the
 * tail is unknown or a gap is pending, so health and the {@code AUDIT_GAP} record recover without
 * waiting for traffic.
 */
final class AuditWriter implements Runnable {
  private static final System.Logger LOG = System.getLogger(AuditWriter.class.getName());
  private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
  private static final long ACCOUNT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  /** Queued by {@link #stop()} so an idle writer notices at once, not at the next retry. */
  private static final PendingAppend WAKE_UP = new PendingAppend(null);

  private final AuditStore store;
  private final String node;
  private final AuditChain.Hasher hasher = new AuditChain.Hasher();
  private final AuditPolicy policy;
  private final int maxBatch;
  private final long groupCommitWaitNanos;
  private int lastBatchSize;
  private final BlockingQueue<PendingAppend> queue;
  private final LostRecords lost;
  private final JsonLinesSink sink;
  private final AtomicLong lastSeq;
  private final AtomicLong batchesHeldOpen = new AtomicLong();
  private AuditChain.Tail tail;
  private volatile boolean running = true;
  private volatile int holdFor;
  private volatile Thread self;
  private volatile boolean failing;
  private volatile long batchStartedNanos;
  private volatile boolean inBatch;
  private long cpuMark = -1;
  private long accountedAt;
  private long unaccountedRecords;
  private long unaccountedBatches;

  AuditWriter(
      AuditStore store,
      AuditLogOptions options,
      BlockingQueue<PendingAppend> queue,
      LostRecords lost,
      AuditChain.Tail tail) {
    this.store = store;
    this.node = options.nodeId();
    this.policy = options.policy();
    this.maxBatch = options.maxBatch();
    this.groupCommitWaitNanos = options.groupCommitWait().toNanos();
    this.queue = queue;
    this.lost = lost;
    Path file = options.jsonLinesFile();
    this.sink = file == null ? null : new JsonLinesSink(file);
    this.tail = tail;
    this.lastSeq = new AtomicLong(tail.seq());
  }

  @Override
  public void run() {
    self = Thread.currentThread();
    cpuMark = AuditWriterCpu.currentThreadCpuNanos();
    try {
      while (running || !queue.isEmpty()) {
        step();
      }
      if (lost.any()) {
        write(List.of()); // one last try, so a clean shutdown does not hide a gap
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (sink != null) {
        sink.close();
      }
      reportCpu(System.nanoTime());
    }
  }

  /**
   * One turn of the loop: waits for a record (or a retry or flush being due) and writes a batch. A
   * method of its own so the JIT compiles it: {@link #run()} is entered once, and its loop ran
   * interpreted (7% of the writer's CPU) until on-stack replacement caught up.
   */
  private void step() throws InterruptedException {
    boolean copying = sink != null && sink.pending();
    PendingAppend first =
        queue.poll(copying ? JsonLinesSink.FLUSH_NANOS : RETRY_NANOS, TimeUnit.NANOSECONDS);
    if (first == null) {
      if (copying) {
        sink.flush(System.nanoTime()); // idle: the SIEM copy catches up
      }
      reportCpu(System.nanoTime());
    }
    if (first != null && first != WAKE_UP) {
      List<PendingAppend> batch = new ArrayList<>(maxBatch);
      batch.add(first);
      queue.drainTo(batch, maxBatch - 1);
      gather(batch);
      write(claimed(batch));
    } else if (running && (tail == null || lost.any())) {
      write(List.of());
    }
  }

  /** Lets the queue drain, then ends {@link #run()}. */
  void stop() {
    running = false;
    queue.offer(WAKE_UP);
    Thread t = self;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /** Appenders call this after queueing: wakes a writer holding its batch open once it is full. */
  void arrived() {
    int h = holdFor;
    if (h > 0 && queue.size() >= h) {
      LockSupport.unpark(self);
    }
  }

  long lastSeq() {
    return lastSeq.get();
  }

  /** How many batches were held open for company (tests count them instead of timing appends). */
  long batchesHeldOpen() {
    return batchesHeldOpen.get();
  }

  /** False while the store fails or one batch has been running longer than {@code stuckNanos}. */
  boolean healthy(long stuckNanos) {
    return !failing && !(inBatch && System.nanoTime() - batchStartedNanos > stuckNanos);
  }

  /**
   * Holds the batch open up to {@code groupCommitWait} until it is as large as the last one; no
   * wait after a batch of one, nor while stopping. The writer sleeps once and the appender that
   * completes the batch wakes it ({@link #arrived()}), instead of a wake-up per arriving record.
   *
   * <p>Holding every concurrent batch for the whole window instead gathered twice the records (4 to
   * 6 at 16 callers, about 20 µs of writer CPU a record instead of 25–30) but added up to the
   * window to each audited hop, and the closed-loop rates fell in some runs: not taken.
   */
  private void gather(List<PendingAppend> batch) {
    int missing = Math.min(lastBatchSize, maxBatch) - batch.size();
    if (running && missing > 0) {
      batchesHeldOpen.incrementAndGet();
      long deadline = System.nanoTime() + groupCommitWaitNanos;
      holdFor = missing;
      long left;
      while (running && queue.size() < missing && (left = deadline - System.nanoTime()) > 0) {
        LockSupport.parkNanos(this, left);
      }
      holdFor = 0;
      queue.drainTo(batch, maxBatch - batch.size());
    }
    lastBatchSize = batch.size();
  }

  private static List<PendingAppend> claimed(List<PendingAppend> batch) {
    List<PendingAppend> claimed = new ArrayList<>(batch.size());
    for (PendingAppend p : batch) {
      if (p != WAKE_UP && p.claim()) {
        claimed.add(p);
      }
    }
    return claimed;
  }

  private void write(List<PendingAppend> batch) {
    LostRecords.Gap gap = lost.take();
    List<AuditRecord> records = new ArrayList<>(batch.size() + 1);
    if (gap != null) {
      records.add(gap.record(Instant.now()));
    }
    batch.forEach(p -> records.add(p.record()));
    List<AuditChain.Linked> linked;
    batchStartedNanos = System.nanoTime();
    inBatch = true;
    try {
      linked = commit(records);
    } catch (RuntimeException e) {
      failed(e, gap, batch);
      account(0);
      return;
    } finally {
      inBatch = false;
    }
    recovered();
    batch.forEach(PendingAppend::stored);
    if (sink != null) {
      sink.write(linked, batchStartedNanos);
    }
    account(linked.size());
  }

  /**
   * Links the records to the node's tail and stores them with the tail's move, all or nothing: if
   * another process moved the tail, the batch fails instead of forking.
   */
  private List<AuditChain.Linked> commit(List<AuditRecord> records) {
    List<AuditChain.Linked> linked =
        store.append(
            node,
            tail,
            from -> {
              if (tail == null) {
                tail = reloaded(from);
              }
              return records.isEmpty() ? List.of() : hasher.link(node, from, records);
            });
    if (!linked.isEmpty()) {
      AuditEntry last = linked.get(linked.size() - 1).entry();
      tail = AuditChain.Tail.of(last);
      lastSeq.accumulateAndGet(last.seq(), Math::max);
    }
    return linked;
  }

  /** A tail behind what this writer committed means stored records were removed: say so loudly. */
  private AuditChain.Tail reloaded(AuditChain.Tail stored) {
    if (stored.seq() < lastSeq.get()) {
      LOG.log(
          System.Logger.Level.ERROR,
          "audit chain of node {0} ends at seq {1} but seq {2} was committed: records were removed",
          node,
          stored.seq(),
          lastSeq.get());
    }
    return stored;
  }

  /** The batch may or may not have landed: forget the tail, and account for the records. */
  private void failed(RuntimeException e, LostRecords.Gap gap, List<PendingAppend> batch) {
    tail = null;
    if (gap != null) {
      lost.restore(gap);
    }
    if (policy == AuditPolicy.CONTINUE) {
      lost.add(batch.size(), Instant.now());
    }
    if (!failing) {
      LOG.log(System.Logger.Level.WARNING, "audit store failed; policy " + policy, e);
    }
    failing = true;
    batch.forEach(p -> p.failed(e));
  }

  /** Counts a batch; reports to the process at most every {@link #ACCOUNT_NANOS}. */
  private void account(int committed) {
    unaccountedRecords += committed;
    unaccountedBatches += committed == 0 ? 0 : 1;
    long now = System.nanoTime();
    if (now - accountedAt >= ACCOUNT_NANOS) {
      reportCpu(now);
    }
  }

  /**
   * Reports this thread's CPU since the last report (idle polling included) and the records and
   * batches committed since, to the process. Not per batch: reading the thread's CPU time was 3% of
   * the writer's own.
   */
  private void reportCpu(long now) {
    accountedAt = now;
    long cpu = AuditWriterCpu.currentThreadCpuNanos();
    if (cpu >= 0 && cpuMark >= 0) {
      AuditWriterCpu.add(cpu - cpuMark, unaccountedRecords, unaccountedBatches);
    }
    cpuMark = cpu;
    unaccountedRecords = 0;
    unaccountedBatches = 0;
  }

  private void recovered() {
    if (failing) {
      LOG.log(System.Logger.Level.INFO, "audit store works again");
    }
    failing = false;
  }
}
