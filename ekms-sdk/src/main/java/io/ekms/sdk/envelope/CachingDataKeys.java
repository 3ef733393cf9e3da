package io.ekms.sdk.envelope;

import io.ekms.common.secret.SecretBytes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reuses each data key for several messages with the same KMS key and context, for workloads of
 * many small messages where one KMS call per message costs too much. Off by default: wrap a
 * provider in this class explicitly. The KMS itself never caches key material; this cache lives in
 * the caller's process only.
 *
 * <p>A data key is retired when any {@link Limits} bound is reached: {@code maxMessages} messages,
 * {@code maxAge} since the KMS made it, or {@code maxBytes} of plaintext (counted after each
 * message, so the message that crosses the bound completes under the old key). When many threads
 * miss at once, one KMS call serves them all. At most {@link #MAX_ENTRIES} key and context pairs
 * are cached; when full, keys past their bounds are dropped first, and if none is, calls go
 * straight to the KMS. Reuse stays safe for the format: every message derives its own keys from its
 * random message id. Decryption is not cached.
 *
 * <p>An idle cache keeps its keys until the next call touches them or {@link #close()}: close it
 * when done.
 */
public final class CachingDataKeys implements DataKeyProvider, AutoCloseable {
  /** The most key and context pairs kept at once. */
  public static final int MAX_ENTRIES = 1000;

  /** When a data key retires; every bound must be positive. */
  public record Limits(int maxMessages, long maxBytes, Duration maxAge) {
    /** Checks the bounds. */
    public Limits {
      if (maxMessages < 1 || maxBytes < 1 || maxAge.isNegative() || maxAge.isZero()) {
        throw new IllegalArgumentException("every data key reuse limit must be positive");
      }
    }
  }

  private record Slot(KeyReference key, Map<String, String> context) {}

  private final DataKeyProvider kms;
  private final Limits limits;
  private final Clock clock;
  private final Map<Slot, CompletableFuture<CachedKey>> entries = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** Reuses keys from {@code kms} within {@code limits}. */
  public CachingDataKeys(DataKeyProvider kms, Limits limits) {
    this(kms, limits, Clock.systemUTC());
  }

  CachingDataKeys(DataKeyProvider kms, Limits limits, Clock clock) {
    this.kms = Objects.requireNonNull(kms, "kms");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public DataKey generate(KeyReference key, Map<String, String> context) {
    if (closed) {
      throw new IllegalStateException("the data key cache is closed");
    }
    Slot slot = new Slot(key, Map.copyOf(context));
    while (true) {
      CompletableFuture<CachedKey> future = entries.get(slot);
      if (future == null) {
        if (entries.size() >= MAX_ENTRIES && sweep() >= MAX_ENTRIES) {
          return kms.generate(key, context);
        }
        CompletableFuture<CachedKey> mine = new CompletableFuture<>();
        future = entries.putIfAbsent(slot, mine);
        if (future == null) {
          fill(slot, mine);
          future = mine;
        }
      }
      DataKey lease = join(future).lease(limits, clock.instant());
      if (lease != null) {
        return lease;
      }
      if (entries.remove(slot, future)) {
        join(future).retire();
      }
    }
  }

  /** Drops every finished key that can no longer be leased; returns how many entries remain. */
  private int sweep() {
    Instant now = clock.instant();
    entries.forEach(
        (slot, future) -> {
          if (future.isDone() && !future.isCompletedExceptionally()) {
            CachedKey cached = future.join();
            if (!cached.usable(limits, now) && entries.remove(slot, future)) {
              cached.retire();
            }
          }
        });
    return entries.size();
  }

  private void fill(Slot slot, CompletableFuture<CachedKey> mine) {
    try {
      mine.complete(new CachedKey(kms.generate(slot.key(), slot.context()), clock.instant()));
    } catch (RuntimeException e) {
      entries.remove(slot, mine);
      mine.completeExceptionally(e);
      throw e;
    }
  }

  private static CachedKey join(CompletableFuture<CachedKey> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  @Override
  public void encrypted(KeyReference key, Map<String, String> context, long plaintextBytes) {
    CompletableFuture<CachedKey> future = entries.get(new Slot(key, Map.copyOf(context)));
    if (future != null && future.isDone() && !future.isCompletedExceptionally()) {
      future.join().addBytes(plaintextBytes);
    }
  }

  @Override
  public SecretBytes unwrap(KeyReference key, byte[] wrapped, Map<String, String> context) {
    return kms.unwrap(key, wrapped, context);
  }

  /** Wipes every cached key; later calls to {@link #generate} fail. */
  @Override
  public void close() {
    closed = true;
    entries.values().forEach(f -> f.thenAccept(CachedKey::retire));
    entries.clear();
  }

  /** One cached data key and its use so far; every method holds the lock. */
  private static final class CachedKey {
    private final DataKey key;
    private final Instant created;
    private int messages;
    private long bytes;
    private boolean retired;

    CachedKey(DataKey key, Instant created) {
      this.key = key;
      this.created = created;
    }

    /** A copy for one more message, or null when this key must retire. */
    synchronized DataKey lease(Limits limits, Instant now) {
      if (!usable(limits, now)) {
        return null;
      }
      messages++;
      return new DataKey(SecretBytes.adopt(key.plaintext().copy()), key.wrapped());
    }

    synchronized boolean usable(Limits limits, Instant now) {
      boolean fresh = Duration.between(created, now).compareTo(limits.maxAge()) < 0;
      return !retired && fresh && messages < limits.maxMessages() && bytes < limits.maxBytes();
    }

    synchronized void addBytes(long n) {
      bytes += n;
    }

    synchronized void retire() {
      retired = true;
      key.close();
    }
  }
}
