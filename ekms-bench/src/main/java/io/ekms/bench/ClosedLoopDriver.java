package io.ekms.bench;

import java.time.Duration;

/**
 * What drives the closed-loop points: the in-JVM {@link LoadGenerator} or, for requests that can be
 * replayed, {@link WrkDriver} from a process of its own.
 */
interface ClosedLoopDriver {
  /** The in-JVM generator: virtual threads over the JDK's HTTP client. */
  ClosedLoopDriver IN_JVM =
      new ClosedLoopDriver() {
        @Override
        public void warm(Operation op, int concurrency, Duration duration)
            throws InterruptedException {
          LoadGenerator.warm(op, concurrency, duration);
        }

        @Override
        public Result closedLoop(
            String scenario, Operation op, int concurrency, Duration warmup, Duration measure)
            throws InterruptedException {
          return LoadGenerator.closedLoop(scenario, op, concurrency, warmup, measure);
        }

        @Override
        public String describe() {
          return "the in-JVM generator (virtual threads, the JDK's HTTP client)";
        }
      };

  /** Runs {@code op} unrecorded for {@code duration}. */
  void warm(Operation op, int concurrency, Duration duration) throws InterruptedException;

  /** One closed-loop point: warm-up, then {@code measure} with {@code concurrency} callers. */
  Result closedLoop(
      String scenario, Operation op, int concurrency, Duration warmup, Duration measure)
      throws InterruptedException;

  /** For the report's notes. */
  String describe();
}
