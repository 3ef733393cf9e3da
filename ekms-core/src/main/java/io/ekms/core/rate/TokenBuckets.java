package io.ekms.core.rate;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (a vault, a principal): {@code perSecond} requests a second on average,
 * bursts of up to {@code burst}; {@code perSecond} 0 admits everything. Buckets live in memory, so
 * each node counts on its own. At most {@code maxKeys} buckets are kept: when a new key finds them
 * all taken, full buckets are dropped (a full bucket is what a new one would be), and if that frees
 * less than a quarter, all are (a brief extra allowance, never a refusal).
 */
public final class TokenBuckets {
  private final double perSecond;
  private final double burst;
  private final int maxKeys;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** {@code nanoTime} is the clock the buckets refill on ({@link System#nanoTime} in servers). */
  public TokenBuckets(int perSecond, int burst, int maxKeys, LongSupplier nanoTime) {
    if (perSecond < 0 || burst < 0 || maxKeys < 1) {
      throw new IllegalArgumentException("rate limits must not be negative");
    }
    this.perSecond = perSecond;
    this.burst = Math.max(burst, perSecond);
    this.maxKeys = maxKeys;
    this.nanoTime = nanoTime;
  }

  /**
   * Takes one request from {@code key}'s bucket.
   *
   * @return 0 when the request is admitted, else the whole seconds (at least 1) until it would be
   */
  public long take(String key) {
    if (perSecond == 0) {
      return 0;
    }
    long now = nanoTime.getAsLong();
    Bucket bucket = buckets.get(key);
    if (bucket == null) {
      if (buckets.size() >= maxKeys) {
        makeRoom(now);
      }
      bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
    }
    return bucket.take(perSecond, burst, now);
  }

  /** How many keys have a bucket (for tests of the bound). */
  public int size() {
    return buckets.size();
  }

  private synchronized void makeRoom(long now) {
    if (buckets.size() < maxKeys) {
      return;
    }
    int before = buckets.size();
    buckets.values().removeIf(b -> b.full(perSecond, burst, now));
    if (buckets.size() > before - before / 4) {
      buckets.clear();
    }
  }

  private static final class Bucket {
    private double tokens;
    private long last;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.last = now;
    }

    synchronized long take(double perSecond, double burst, long now) {
      refill(perSecond, burst, now);
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
    }

    synchronized boolean full(double perSecond, double burst, long now) {
      refill(perSecond, burst, now);
      return tokens >= burst;
    }

    private void refill(double perSecond, double burst, long now) {
      tokens = Math.min(burst, tokens + Math.max(0, now - last) * perSecond / 1e9);
      last = Math.max(last, now);
    }
  }
}
