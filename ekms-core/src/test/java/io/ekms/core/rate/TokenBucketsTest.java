package io.ekms.core.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Test
  void take_withinBurst_admitsThenSaysHowLongToWait() {
    TokenBuckets buckets = new TokenBuckets(2, 3, 10, now::get);
    assertThat(buckets.take("a")).isZero();
    assertThat(buckets.take("a")).isZero();
    assertThat(buckets.take("a")).isZero();
    assertThat(buckets.take("a")).isEqualTo(1);
    now.addAndGet(500_000_000L);
    assertThat(buckets.take("a")).isZero();
    assertThat(buckets.take("a")).isEqualTo(1);
  }

  @Test
  void take_slowRate_waitIsWholeSecondsRoundedUp() {
    TokenBuckets buckets = new TokenBuckets(1, 1, 10, now::get);
    buckets.take("a");
    now.addAndGet(100_000_000L);
    assertThat(buckets.take("a")).isEqualTo(1);
    TokenBuckets slow = new TokenBuckets(1, 5, 10, now::get);
    for (int i = 0; i < 5; i++) {
      slow.take("b");
    }
    assertThat(slow.take("b")).isEqualTo(1);
  }

  @Test
  void take_otherKey_hasItsOwnBucket() {
    TokenBuckets buckets = new TokenBuckets(1, 1, 10, now::get);
    assertThat(buckets.take("a")).isZero();
    assertThat(buckets.take("b")).isZero();
    assertThat(buckets.take("a")).isPositive();
  }

  @Test
  void take_manyKeys_keepsAtMostMaxKeysBuckets() {
    TokenBuckets buckets = new TokenBuckets(1, 1, 100, now::get);
    for (int i = 0; i < 10_000; i++) {
      buckets.take("key-" + i);
      assertThat(buckets.size()).isLessThanOrEqualTo(100);
    }
  }

  @Test
  void take_atTheBound_dropsRefilledBucketsAndKeepsSpentOnes() {
    TokenBuckets buckets = new TokenBuckets(1, 1, 4, now::get);
    buckets.take("a");
    buckets.take("b");
    buckets.take("c");
    now.addAndGet(10_000_000_000L);
    buckets.take("spent");
    buckets.take("new");
    assertThat(buckets.size()).isEqualTo(2);
    assertThat(buckets.take("spent")).isPositive();
  }

  @Test
  void take_zeroRate_admitsEverything() {
    TokenBuckets buckets = new TokenBuckets(0, 0, 1, now::get);
    for (int i = 0; i < 10_000; i++) {
      assertThat(buckets.take("k" + i)).isZero();
    }
    assertThat(buckets.size()).isZero();
  }

  @Test
  void constructor_negative_isRefused() {
    assertThatThrownBy(() -> new TokenBuckets(-1, 0, 1, now::get))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
