package io.ekms.ekm.service;

import io.ekms.ekm.domain.xks.XksError;
import io.ekms.ekm.domain.xks.XksKeyStore;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Each key store's rate limit (requests a second, bursts of one second's worth); over it, the
 * request is ThrottlingException. The rate is the one of the store a request found (the node's
 * {@link XksDirectory}), so a changed rate takes effect with the next request that sees it, with a
 * fresh bucket.
 */
public final class XksThrottle {
  /** The bucket of one store and the rate it was made for. */
  private record Limit(int rate, RateLimiter limiter) {}

  private final ConcurrentHashMap<String, Limit> limits = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;

  public XksThrottle() {
    this(System::nanoTime);
  }

  /** As {@link #XksThrottle()}, the buckets refilling on {@code nanoTime} (tests hold it). */
  public XksThrottle(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  public void acquire(XksKeyStore store) {
    int rate = store.ratePerSecond();
    if (rate == 0) {
      limits.remove(store.id());
      return;
    }
    Limit limit = limits.get(store.id());
    if (limit == null || limit.rate() != rate) {
      limit =
          limits.compute(
              store.id(),
              (id, old) ->
                  old != null && old.rate() == rate
                      ? old
                      : new Limit(rate, new RateLimiter(rate, rate, nanoTime)));
    }
    try {
      limit.limiter().acquire(store.id());
    } catch (io.ekms.core.error.ApiException e) {
      var throttled = XksError.THROTTLING.error("The key store's request rate is over its limit.");
      throw e.retryAfterSeconds().isPresent()
          ? throttled.retryAfter(e.retryAfterSeconds().getAsLong())
          : throttled;
    }
  }
}
