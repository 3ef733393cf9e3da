package io.ekms.ekm.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.error.ApiException;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  @Test
  void acquire_overBurst_throwsTooManyRequests() {
    RateLimiter limiter = new RateLimiter(1, 5);
    for (int i = 0; i < 5; i++) {
      limiter.acquire("vlt-a");
    }
    assertThatThrownBy(() -> limiter.acquire("vlt-a"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.errorCode()).isEqualTo(EkmError.TOO_MANY_REQUESTS));
  }

  @Test
  void acquire_overBurst_saysWhenToRetry() {
    java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
    RateLimiter limiter = new RateLimiter(1, 1, now::get);
    limiter.acquire("vlt-a");
    assertThatThrownBy(() -> limiter.acquire("vlt-a"))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.retryAfterSeconds()).hasValue(1));
    now.addAndGet(1_000_000_000L);
    limiter.acquire("vlt-a");
  }

  @Test
  void acquire_otherVault_hasItsOwnBudget() {
    RateLimiter limiter = new RateLimiter(1, 1);
    limiter.acquire("vlt-a");
    limiter.acquire("vlt-b");
    assertThatThrownBy(() -> limiter.acquire("vlt-a")).isInstanceOf(ApiException.class);
  }

  @Test
  void acquire_unlimited_neverThrows() {
    RateLimiter limiter = RateLimiter.unlimited();
    for (int i = 0; i < 10_000; i++) {
      limiter.acquire("vlt-a");
    }
  }

  @Test
  void constructor_negative_isRefused() {
    assertThatThrownBy(() -> new RateLimiter(-1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
