package io.ekms.kms.ekmclient;

import io.ekms.kms.egress.EgressPolicy;
import java.time.Duration;
import java.util.List;

/** EKM client settings for tests whose scripted EKMs and test issuers run on loopback. */
final class LoopbackClients {
  /**
   * Timeouts for tests that are not about timeouts: OCI's budget (500 ms connect, 1 s read) is a
   * wall-clock bound that a loaded shared machine can miss on a cold JVM. Tests of the timeouts
   * themselves use {@link EkmClientConfig#defaults()}.
   */
  static final EkmClientConfig PATIENT =
      new EkmClientConfig(Duration.ofSeconds(10), Duration.ofSeconds(30), null);

  /** The peers are on loopback, which a production policy refuses. */
  static final EgressPolicy LOOPBACK =
      EgressPolicy.of(List.of("127.0.0.0/8"), List.of("127.0.0.1"), true);

  /** One sweeper for the tests that make transports of their own. */
  static final AnswerDeadlines DEADLINES = new AnswerDeadlines();

  private LoopbackClients() {}
}
