package io.ekms.kms.ekmclient;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.tls.LocalCa;
import io.ekms.kms.external.IdentityFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The token cache with a settable clock and a counting fetcher. */
class AccessTokensTest {
  static final List<java.security.cert.X509Certificate> TRUST =
      List.of(LocalCa.create("idp").certificate());

  final MutableClock clock = new MutableClock();
  final AtomicInteger fetches = new AtomicInteger();
  Duration lifetime = Duration.ofHours(1);
  Function<OAuthClient, TokenFetcher.Grant> fetcher =
      client -> new TokenFetcher.Grant("t" + fetches.incrementAndGet(), lifetime);

  AccessTokens tokens() {
    return new AccessTokens(c -> fetcher.apply(c), clock, Duration.ofSeconds(60));
  }

  @Test
  void get_beforeTheMargin_reusesTheToken() {
    AccessTokens tokens = tokens();
    String first = tokens.get(client("s")).value();
    clock.advance(Duration.ofSeconds(3539));

    assertThat(tokens.get(client("s")).value()).isEqualTo(first);
    assertThat(fetches).hasValue(1);
  }

  @Test
  void get_sixtySecondsBeforeExpiry_fetchesANewToken() {
    AccessTokens tokens = tokens();
    tokens.get(client("s"));
    clock.advance(Duration.ofSeconds(3540));

    assertThat(tokens.get(client("s")).value()).isEqualTo("t2");
  }

  @Test
  void get_tokenLivingLessThanTwiceTheMargin_isReusedForHalfItsLifetime() {
    lifetime = Duration.ofSeconds(100);
    AccessTokens tokens = tokens();
    tokens.get(client("s"));
    clock.advance(Duration.ofSeconds(49));
    tokens.get(client("s"));
    clock.advance(Duration.ofSeconds(1));
    tokens.get(client("s"));

    assertThat(fetches).hasValue(2);
  }

  @Test
  void get_grantWithoutLifetime_isNeverReused() {
    lifetime = null;
    AccessTokens tokens = tokens();
    tokens.get(client("s"));
    tokens.get(client("s"));

    assertThat(fetches).hasValue(2);
  }

  @Test
  void get_sameClientIdWithAnotherSecret_doesNotBorrowTheToken() {
    AccessTokens tokens = tokens();

    String right = tokens.get(client("right")).value();
    String wrong = tokens.get(client("wrong")).value();

    assertThat(wrong).isNotEqualTo(right);
    assertThat(tokens.get(client("right")).value()).isEqualTo(right);
  }

  @Test
  void get_concurrentCallers_shareOneFetch() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    fetcher =
        client -> {
          await(release);
          return new TokenFetcher.Grant("t" + fetches.incrementAndGet(), lifetime);
        };
    AccessTokens tokens = tokens();
    warmUp(tokens);
    List<Future<String>> calls = new ArrayList<>();
    List<Thread> callers = new CopyOnWriteArrayList<>();
    try (var pool = Executors.newThreadPerTaskExecutor(recordedIn(callers))) {
      for (int i = 0; i < 8; i++) {
        calls.add(pool.submit(() -> tokens.get(client("s")).value()));
      }
      // Every caller is parked inside get() before the fetch may finish, however loaded the
      // machine.
      try {
        awaitAllParked(callers, 8);
      } finally {
        release.countDown(); // also when the check fails, so the pool can close
      }
      for (Future<String> call : calls) {
        assertThat(call.get()).isEqualTo("t1");
      }
    }
    assertThat(fetches).hasValue(1);
  }

  @Test
  void get_fetchFails_waitersShareTheFailureAndTheNextCallFetchesAgain() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    fetcher =
        client -> {
          fetches.incrementAndGet();
          await(release);
          throw new IdentityFailure.Unavailable("down", "down", null, null);
        };
    AccessTokens tokens = tokens();
    warmUp(tokens);
    List<Future<String>> calls = new ArrayList<>();
    List<Thread> callers = new CopyOnWriteArrayList<>();
    try (var pool = Executors.newThreadPerTaskExecutor(recordedIn(callers))) {
      for (int i = 0; i < 4; i++) {
        calls.add(pool.submit(() -> tokens.get(client("s")).value()));
      }
      try {
        awaitAllParked(callers, 4);
      } finally {
        release.countDown(); // also when the check fails, so the pool can close
      }
      for (Future<String> call : calls) {
        assertThatThrownBy(call::get).hasCauseInstanceOf(IdentityFailure.Unavailable.class);
      }
    }
    assertThat(fetches).hasValue(1);
    fetcher = client -> new TokenFetcher.Grant("ok", lifetime);
    assertThat(tokens.get(client("s")).value()).isEqualTo("ok");
  }

  @Test
  void get_fetchFailsForTwelveClients_leavesNoEntry() {
    fetcher =
        client -> {
          fetches.incrementAndGet();
          throw new IdentityFailure.Unavailable("down", "down", null, null);
        };
    AccessTokens tokens = tokens();

    for (int i = 0; i < 12; i++) {
      OAuthClient client = client("s" + i);
      assertThatThrownBy(() -> tokens.get(client)).isInstanceOf(IdentityFailure.class);
    }

    assertThat(fetches).hasValue(12);
    assertThat(tokens.size()).isZero();
  }

  @Test
  void get_fetchFailsWithWaiters_leavesNoEntry() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    fetcher =
        client -> {
          await(release);
          throw new IdentityFailure.Unavailable("down", "down", null, null);
        };
    AccessTokens tokens = tokens();
    warmUp(tokens);
    List<Future<String>> calls = new ArrayList<>();
    List<Thread> callers = new CopyOnWriteArrayList<>();
    try (var pool = Executors.newThreadPerTaskExecutor(recordedIn(callers))) {
      for (int i = 0; i < 3; i++) {
        calls.add(pool.submit(() -> tokens.get(client("s")).value()));
      }
      try {
        awaitAllParked(callers, 3);
      } finally {
        release.countDown();
      }
      for (Future<String> call : calls) {
        assertThatThrownBy(call::get).hasCauseInstanceOf(IdentityFailure.Unavailable.class);
      }
    }

    assertThat(tokens.size()).isEqualTo(1); // the warm-up client's token only
  }

  @Test
  void get_grantWithoutLifetime_leavesNoEntry() {
    lifetime = null;
    AccessTokens tokens = tokens();

    tokens.get(client("s"));

    assertThat(tokens.size()).isZero();
  }

  @Test
  void get_moreClientsThanTheBound_keepsAtMostTheBoundAndServesTheNewest() {
    AccessTokens tokens = new AccessTokens(c -> fetcher.apply(c), clock, Duration.ofSeconds(60), 3);

    for (int i = 0; i < 10; i++) {
      tokens.get(client("s" + i));
      assertThat(tokens.size()).isLessThanOrEqualTo(3);
    }
    String newest = tokens.get(client("s9")).value();

    assertThat(newest).isEqualTo("t10");
    assertThat(fetches).hasValue(10);
  }

  @Test
  void discard_currentToken_nextGetFetchesAFreshOne() {
    AccessTokens tokens = tokens();
    AccessTokens.Token first = tokens.get(client("s"));

    tokens.discard(client("s"), first);

    assertThat(tokens.get(client("s")).value()).isEqualTo("t2");
  }

  @Test
  void discard_tokenAlreadyReplaced_keepsTheNewerOne() {
    AccessTokens tokens = tokens();
    AccessTokens.Token first = tokens.get(client("s"));
    tokens.discard(client("s"), first);
    AccessTokens.Token second = tokens.get(client("s"));

    tokens.discard(client("s"), first);

    assertThat(tokens.get(client("s"))).isSameAs(second);
  }

  @Test
  void token_toString_hidesTheValue() {
    AccessTokens.Token token = tokens().get(client("s"));

    assertThat(token.toString()).doesNotContain(token.value());
  }

  static OAuthClient client(String secret) {
    return new OAuthClient(
        "https://idp.test",
        "kms",
        SecretBytes.copyOf(secret.getBytes(UTF_8)),
        "https://ekm.test/",
        TRUST);
  }

  static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  /**
   * Runs the token path once for another client, so the first-use cost of the JCA (HMAC of the
   * secret) is paid before the concurrent callers race: single-flight tests need every caller
   * inside get() before the fetch ends.
   */
  private void warmUp(AccessTokens tokens) {
    var real = fetcher;
    fetcher = client -> new TokenFetcher.Grant("warm", lifetime);
    tokens.get(client("warm-up"));
    fetcher = real;
  }

  /** Virtual threads, each recorded in {@code threads} as it is made. */
  private static ThreadFactory recordedIn(List<Thread> threads) {
    return task -> {
      Thread t = Thread.ofVirtual().unstarted(task);
      threads.add(t);
      return t;
    };
  }

  /**
   * Returns once {@code count} callers exist and every one is parked (in the fetch or waiting for
   * it): a fixed sleep is not enough on a loaded machine, where a caller may reach get() only after
   * the fetch has finished and rightly start another. The minute is a hang guard, not a limit a
   * slow machine reaches: the callers park as soon as they are scheduled.
   */
  private static void awaitAllParked(List<Thread> callers, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (System.nanoTime() < deadline
        && (callers.size() < count
            || !callers.stream().allMatch(t -> t.getState() == Thread.State.WAITING))) {
      Thread.sleep(5);
    }
    assertThat(callers).hasSize(count).allMatch(t -> t.getState() == Thread.State.WAITING);
  }
}
