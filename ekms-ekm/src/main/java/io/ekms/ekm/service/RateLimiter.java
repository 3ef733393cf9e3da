package io.ekms.ekm.service;

import io.ekms.core.rate.TokenBuckets;
import java.util.function.LongSupplier;

/**
 * A token bucket per vault: {@code perSecond} requests a second on average, bursts of up to {@code
 * burst}. Zero disables limiting. Buckets live in memory, so each EKM node limits on its own (a
 * cluster of N nodes allows up to N times the rate); at most {@link #MAX_VAULTS} are kept, since
 * the vault id comes from the request path.
 */
public final class RateLimiter {
  static final int MAX_VAULTS = 10_000;
  private final TokenBuckets buckets;

  public RateLimiter(int perSecond, int burst) {
    this(perSecond, burst, System::nanoTime);
  }

  /** As {@link #RateLimiter(int, int)}, refilling on {@code nanoTime} (tests). */
  public RateLimiter(int perSecond, int burst, LongSupplier nanoTime) {
    this.buckets = new TokenBuckets(perSecond, burst, MAX_VAULTS, nanoTime);
  }

  public static RateLimiter unlimited() {
    return new RateLimiter(0, 0);
  }

  /** Takes one request from {@code vaultId}'s budget or throws 429 TooManyRequests. */
  public void acquire(String vaultId) {
    long wait = buckets.take(vaultId);
    if (wait > 0) {
      throw EkmError.TOO_MANY_REQUESTS
          .error("The vault's request rate is over its limit; retry later.")
          .retryAfter(wait);
    }
  }
}
