package io.ekms.sdk.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.testing.Await;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingDataKeysTest {
  static final Map<String, String> CTX = Messages.CONTEXT;
  final CountingDataKeys kms = new CountingDataKeys();
  final MutableClock clock = new MutableClock();
  final CachingDataKeys cache =
      new CachingDataKeys(kms, new CachingDataKeys.Limits(3, 1000, Duration.ofMinutes(5)), clock);

  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-11-28T12:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  void generate(int times) {
    for (int i = 0; i < times; i++) {
      cache.generate(Messages.KEY, CTX).close();
    }
  }

  @Test
  void generate_withinMessageLimit_callsTheKmsOnce() {
    generate(3);
    assertThat(kms.generated).hasValue(1);
  }

  @Test
  void generate_afterMessageLimit_callsTheKmsAgain() {
    generate(4);
    assertThat(kms.generated).hasValue(2);
  }

  @Test
  void generate_afterMaxAge_callsTheKmsAgain() {
    generate(1);
    clock.now = clock.now.plus(Duration.ofMinutes(5));
    generate(1);
    assertThat(kms.generated).hasValue(2);
  }

  @Test
  void encrypted_bytesReachLimit_nextGenerateCallsTheKmsAgain() {
    generate(1);
    cache.encrypted(Messages.KEY, CTX, 1000);
    generate(1);
    assertThat(kms.generated).hasValue(2);
  }

  @Test
  void generate_otherContext_usesAnotherKey() {
    generate(1);
    cache.generate(Messages.KEY, Map.of("other", "context")).close();
    assertThat(kms.generated).hasValue(2);
  }

  @Test
  void generate_manyThreadsMissAtOnce_oneKmsCall() throws Exception {
    CountDownLatch answer = new CountDownLatch(1);
    kms.hold = answer;
    CachingDataKeys wide =
        new CachingDataKeys(kms, new CachingDataKeys.Limits(100, 1 << 20, Duration.ofMinutes(5)));
    List<Thread> callers = new CopyOnWriteArrayList<>();
    AtomicInteger arrived = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            16,
            task -> {
              Thread t = new Thread(task);
              callers.add(t);
              return t;
            });
    CountDownLatch gate = new CountDownLatch(1);
    List<Future<byte[]>> wrapped = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      wrapped.add(
          pool.submit(
              () -> {
                gate.await();
                arrived.incrementAndGet();
                try (DataKey k = wide.generate(Messages.KEY, CTX)) {
                  return k.wrapped();
                }
              }));
    }
    gate.countDown();
    // The misses overlap for certain: the KMS holds the call it got, and all 16 callers are
    // parked (one in that call, the rest waiting for it) before it answers.
    Await.until(
        "16 callers parked behind one KMS call",
        () ->
            kms.generated.get() >= 1
                && arrived.get() == 16
                && callers.size() == 16
                && callers.stream().allMatch(CachingDataKeysTest::parked));
    answer.countDown();
    for (Future<byte[]> f : wrapped) {
      assertThat(f.get()).isEqualTo(wrapped.get(0).get());
    }
    pool.shutdown();
    assertThat(kms.generated).hasValue(1);
  }

  @Test
  void generate_kmsFails_callerSeesTheErrorAndNextCallRetries() {
    kms.failure = new IllegalStateException("KMS down");
    assertThatThrownBy(() -> generate(1)).hasMessage("KMS down");
    kms.failure = null;
    generate(1);
    assertThat(kms.generated).hasValue(2);
  }

  @Test
  void envelope_withReusedKey_messagesDecryptAndDiffer() {
    Envelope envelope = new Envelope(cache, 64, RandomSource.secure());
    byte[] plaintext = Messages.plaintext(9, 100);
    byte[] a = Messages.encrypt(envelope, plaintext);
    byte[] b = Messages.encrypt(envelope, plaintext);
    assertThat(kms.generated).hasValue(1);
    assertThat(a).isNotEqualTo(b);
    assertThat(Messages.decrypt(envelope, a)).isEqualTo(plaintext);
    assertThat(Messages.decrypt(envelope, b)).isEqualTo(plaintext);
  }

  @Test
  void generate_cacheFullOfExpiredKeys_dropsThemAndCachesAgain() {
    for (int i = 0; i < CachingDataKeys.MAX_ENTRIES; i++) {
      cache.generate(Messages.KEY, Map.of("n", Integer.toString(i))).close();
    }
    clock.now = clock.now.plus(Duration.ofMinutes(5));
    generate(2);
    assertThat(kms.generated).hasValue(CachingDataKeys.MAX_ENTRIES + 1);
  }

  @Test
  void close_thenGenerate_isRefused() {
    generate(1);
    cache.close();
    assertThatThrownBy(() -> generate(1)).isInstanceOf(IllegalStateException.class);
  }

  /** Waiting for something another thread will do (a latch, a future, an answer). */
  private static boolean parked(Thread t) {
    return t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING;
  }
}
