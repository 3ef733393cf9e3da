package io.ekms.kms.service;

import io.ekms.core.rate.TokenBuckets;
import java.util.function.LongSupplier;

/**
 * The per-principal request rate of the KMS API (config {@code rateLimit}): each authenticated
 * principal may make {@code perSecond} requests a second on average, in bursts of up to {@code
 * burst}; 0 turns the limit off. Over it the answer is 429 TooManyRequests with {@code
 * Retry-After}, as OCI answers. Each node counts on its own, for at most {@link #MAX_PRINCIPALS}
 * principals at a time.
 */
public final class RequestRates {
  static final int MAX_PRINCIPALS = 10_000;
  private final TokenBuckets buckets;

  /** {@code nanoTime} is the clock the budgets refill on ({@link System#nanoTime} in servers). */
  public RequestRates(int perSecond, int burst, LongSupplier nanoTime) {
    this.buckets = new TokenBuckets(perSecond, burst, MAX_PRINCIPALS, nanoTime);
  }

  /** Takes one request from {@code principalId}'s budget, or throws 429 TooManyRequests. */
  public void admit(String principalId) {
    long wait = buckets.take(principalId);
    if (wait > 0) {
      throw KmsError.TOO_MANY_REQUESTS
          .error("The request rate of this principal is over its limit; retry later.")
          .retryAfter(wait);
    }
  }
}
