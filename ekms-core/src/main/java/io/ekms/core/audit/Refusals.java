package io.ekms.core.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Refusals of callers that did not authenticate (no or bad token, bad signature, wrong admin
 * token), audited at a bounded cost. Each refusal only counts, in memory, under its source address
 * and reason; once per window the counts become one {@value #OPERATION} record per (source,
 * reason), holding how many, which operations, when, and the first request ids. So a flood of
 * garbage costs at most {@code maxSources} + one record per reason and window, never one durable
 * write per request, and cannot make the audit log (and so the service) unavailable; yet the fact
 * of every refusal, how many, from where and why, is kept.
 *
 * <p>A window whose records the log refuses (policy REFUSE, store down) is kept and merged into the
 * next one: nothing counted is dropped. Sources beyond {@code maxSources} in one window are counted
 * under {@value #OTHER_SOURCES}.
 */
public final class Refusals implements AutoCloseable {
  /** The operation of every refusal record. */
  public static final String OPERATION = "REFUSALS";

  /** The caller of every refusal record. */
  public static final String CALLER = "unauthenticated";

  /** The source under which refusals beyond the window's bound are counted. */
  public static final String OTHER_SOURCES = "other-sources";

  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(1);
  public static final int DEFAULT_MAX_SOURCES = 32;

  private static final System.Logger LOG = System.getLogger(Refusals.class.getName());
  private final AuditLog log;
  private final Clock clock;
  private final int maxSources;
  private final ScheduledExecutorService flusher;
  private Map<RefusalBucket.Key, RefusalBucket> window = new LinkedHashMap<>();
  private int sources;
  private boolean failing;

  /** Counts into {@code log}, writing every {@link #DEFAULT_WINDOW}. */
  public Refusals(AuditLog log, Clock clock) {
    this(log, clock, DEFAULT_WINDOW, DEFAULT_MAX_SOURCES, true);
  }

  /**
   * {@code scheduled}: false for tests, which call {@link #flush()} themselves instead of a writer
   * thread doing it every {@code window}.
   */
  public Refusals(AuditLog log, Clock clock, Duration window, int maxSources, boolean scheduled) {
    if (maxSources < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("refusals: window above 0 and maxSources at least 1");
    }
    this.log = log;
    this.clock = clock;
    this.maxSources = maxSources;
    this.flusher =
        scheduled
            ? Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("ekms-audit-refusals").daemon().factory())
            : null;
    if (flusher != null) {
      long nanos = window.toNanos();
      flusher.scheduleWithFixedDelay(this::flushQuietly, nanos, nanos, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * Counts one refusal; never blocks on the store. {@code source} is the caller's address, {@code
   * reason} the error code it was answered (a small fixed set), {@code requestId} its request id.
   */
  public void refused(String source, String operation, String reason, String requestId) {
    refused(source, operation, reason, requestId, null);
  }

  /**
   * As {@link #refused(String, String, String, String)}, with the identity the caller claimed (a
   * well-formed client id, say; null when none), kept among the bucket's first few.
   */
  public void refused(
      String source, String operation, String reason, String requestId, String claimed) {
    Instant now = clock.instant();
    synchronized (this) {
      RefusalBucket.Key key = new RefusalBucket.Key(source, reason);
      RefusalBucket bucket = window.get(key);
      if (bucket == null) {
        if (sources >= maxSources) {
          key = new RefusalBucket.Key(OTHER_SOURCES, reason);
          bucket = window.get(key);
        }
        if (bucket == null) {
          bucket = new RefusalBucket(key, now);
          window.put(key, bucket);
          if (!key.source().equals(OTHER_SOURCES)) {
            sources++;
          }
        }
      }
      bucket.count(operation, requestId, claimed, now);
    }
  }

  /**
   * Writes one record per bucket counted since the last flush. A bucket whose record the log
   * refuses goes back, merged with what was counted meanwhile, for the next flush.
   *
   * @throws AuditUnavailableException when a record could not be written (the rest are kept)
   */
  public void flush() {
    List<RefusalBucket> buckets;
    synchronized (this) {
      buckets = new ArrayList<>(window.values());
      window = new LinkedHashMap<>();
      sources = 0;
    }
    for (int i = 0; i < buckets.size(); i++) {
      try {
        log.append(buckets.get(i).record(clock.instant()));
      } catch (AuditUnavailableException e) {
        restore(buckets.subList(i, buckets.size()));
        throw e;
      }
    }
  }

  /** How many refusals are counted and not yet written. */
  public synchronized long pending() {
    return window.values().stream().mapToLong(RefusalBucket::total).sum();
  }

  /** Puts back unwritten buckets; beyond the bound of sources they merge into other-sources. */
  private synchronized void restore(List<RefusalBucket> unwritten) {
    for (RefusalBucket b : unwritten) {
      RefusalBucket.Key key = b.key();
      RefusalBucket now = window.get(key);
      if (now == null && sources >= maxSources && !key.source().equals(OTHER_SOURCES)) {
        key = new RefusalBucket.Key(OTHER_SOURCES, key.reason());
        now = window.get(key);
      }
      if (now != null) {
        now.absorb(b);
      } else {
        window.put(key, key.equals(b.key()) ? b : b.movedTo(key));
        if (!key.source().equals(OTHER_SOURCES)) {
          sources++;
        }
      }
    }
  }

  private void flushQuietly() {
    try {
      flush();
      if (failing) {
        LOG.log(System.Logger.Level.INFO, "refusal records are written again");
        failing = false;
      }
    } catch (RuntimeException e) {
      if (!failing) {
        LOG.log(System.Logger.Level.WARNING, "refusal records kept for later: " + e.getMessage());
        failing = true;
      }
    }
  }

  /** Stops the writer and writes what is counted, once. */
  @Override
  public void close() {
    if (flusher != null) {
      flusher.shutdown();
      try {
        flusher.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    flushQuietly();
  }
}
