package io.ekms.ekm.service;

import io.ekms.core.error.ApiException;
import io.ekms.ekm.domain.gcp.GcpError;
import io.ekms.ekm.domain.gcp.GcpKeyStore;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each Google key store's rate limit (requests a second, bursts of one second's worth); over it,
 * the request is RESOURCE_EXHAUSTED. A changed rate takes effect with a fresh bucket.
 */
public final class GcpThrottle {
  private final ConcurrentHashMap<String, RateLimiter> limiters = new ConcurrentHashMap<>();

  public void acquire(GcpKeyStore store) {
    if (store.ratePerSecond() == 0) {
      return;
    }
    RateLimiter limiter =
        limiters.computeIfAbsent(
            store.id() + "@" + store.ratePerSecond(),
            k -> new RateLimiter(store.ratePerSecond(), store.ratePerSecond()));
    try {
      limiter.acquire(store.id());
    } catch (ApiException e) {
      ApiException throttled =
          GcpError.RESOURCE_EXHAUSTED.error("The key store's request rate is over its limit.");
      throw e.retryAfterSeconds().isPresent()
          ? throttled.retryAfter(e.retryAfterSeconds().getAsLong())
          : throttled;
    }
  }
}
