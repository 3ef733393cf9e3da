package io.ekms.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.common.tls.TrustBundle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wrk driver against a real HTTPS server (the bench's ceiling): bin/test installs wrk, so these
 * run wherever the tests do. Counts only; no figure depends on the machine's speed.
 */
class WrkDriverTest {
  private static final Duration SECOND = Duration.ofSeconds(1);
  private static CeilingServers server;

  @TempDir Path work;

  @BeforeAll
  static void start() {
    server = new CeilingServers();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private WrkDriver driver() {
    return new WrkDriver(WrkDriver.find().orElseThrow(() -> new AssertionError("no wrk")), work);
  }

  @Test
  void closedLoop_replayableRequest_answersCountedWithoutErrors() throws Exception {
    Result r = driver().closedLoop("one", server.oneHop(), 2, SECOND, SECOND);

    assertThat(r.ops()).isPositive();
    assertThat(r.errors()).isZero();
    assertThat(r.concurrency()).isEqualTo(2);
    assertThat(r.p99Ms()).isGreaterThanOrEqualTo(r.p50Ms()).isPositive();
    assertThat(work).isEmptyDirectory();
  }

  @Test
  void closedLoop_serverAnswers404_everyAnswerIsAnError() throws Exception {
    HttpsPost missing =
        new HttpsPost(List.of(server.ca.certificate()), server.url("/missing"), null, "{}", 200);

    Result r = driver().closedLoop("missing", missing, 1, SECOND, SECOND);

    assertThat(r.ops()).isZero();
    assertThat(r.errors()).isPositive();
  }

  @Test
  void closedLoop_operationNotReplayable_runsOnTheInJvmGenerator() throws Exception {
    AtomicLong calls = new AtomicLong();

    Result r = driver().closedLoop("lambda", calls::incrementAndGet, 1, Duration.ZERO, SECOND);

    assertThat(r.ops()).isPositive().isLessThanOrEqualTo(calls.get());
    assertThat(r.errors()).isZero();
  }

  @Test
  void closedLoop_freshSignatureEveryRequest_runsOnTheInJvmGeneratorSigningEachOne()
      throws Exception {
    AtomicLong signatures = new AtomicLong();
    SignedPost fresh =
        new SignedPost(
            TrustBundle.sslContext(List.of(server.ca.certificate())),
            (uri, body) -> {
              signatures.incrementAndGet();
              return Map.of("x-signature", "s" + signatures.get());
            },
            server.url("/one"),
            "{}",
            true);

    Result r = driver().closedLoop("fresh", fresh, 1, Duration.ZERO, SECOND);

    assertThat(r.ops()).isPositive();
    assertThat(r.errors()).isZero();
    assertThat(signatures.get()).isGreaterThanOrEqualTo(r.ops());
  }
}
