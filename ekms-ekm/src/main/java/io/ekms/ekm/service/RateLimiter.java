package io.ekms.ekm.service;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per vault: {@code perSecond} requests a second on average, bursts of up to {@code
 * burst}. Zero disables limiting. Buckets live in memory, so each EKM node limits on its own (a
 * cluster of N nodes allows up to N times the rate).
 */
public final class RateLimiter {
  private final double perSecond;
  private final double burst;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(int perSecond, int burst) {
    if (perSecond < 0 || burst < 0) {
      throw new IllegalArgumentException("rate limits must not be negative");
    }
    this.perSecond = perSecond;
    this.burst = Math.max(burst, perSecond);
  }

  public static RateLimiter unlimited() {
    return new RateLimiter(0, 0);
  }

  /** Takes one request from {@code vaultId}'s budget or throws 429 TooManyRequests. */
  public void acquire(String vaultId) {
    if (perSecond == 0) {
      return;
    }
    Bucket bucket = buckets.computeIfAbsent(vaultId, k -> new Bucket(burst, System.nanoTime()));
    if (!bucket.take(perSecond, burst, System.nanoTime())) {
      throw EkmError.TOO_MANY_REQUESTS.error(
          "The vault's request rate is over its limit; retry later.");
    }
  }

  private static final class Bucket {
    private double tokens;
    private long last;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.last = now;
    }

    synchronized boolean take(double perSecond, double burst, long now) {
      tokens = Math.min(burst, tokens + (now - last) * perSecond / 1e9);
      last = now;
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }
  }
}
