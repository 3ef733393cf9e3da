package io.ekms.ekm.service;

import io.ekms.ekm.domain.xks.XksError;
import io.ekms.ekm.domain.xks.XksKeyStore;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each key store's rate limit (requests a second, bursts of one second's worth); over it, the
 * request is ThrottlingException. A changed rate takes effect with a fresh bucket.
 */
public final class XksThrottle {
  private final ConcurrentHashMap<String, RateLimiter> limiters = new ConcurrentHashMap<>();

  public void acquire(XksKeyStore store) {
    if (store.ratePerSecond() == 0) {
      return;
    }
    String key = store.id() + "@" + store.ratePerSecond();
    RateLimiter limiter =
        limiters.computeIfAbsent(
            key, k -> new RateLimiter(store.ratePerSecond(), store.ratePerSecond()));
    try {
      limiter.acquire(store.id());
    } catch (io.ekms.core.error.ApiException e) {
      var throttled = XksError.THROTTLING.error("The key store's request rate is over its limit.");
      throw e.retryAfterSeconds().isPresent()
          ? throttled.retryAfter(e.retryAfterSeconds().getAsLong())
          : throttled;
    }
  }
}
