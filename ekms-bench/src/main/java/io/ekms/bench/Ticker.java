package io.ekms.bench;

/**
 * The time a {@link LoadGenerator} runs on: {@link #SYSTEM} in benchmarks; tests pass a virtual
 * one, so what they check does not depend on how fast the machine is.
 */
interface Ticker {
  /** {@link System#nanoTime()} and {@link Thread#sleep(long, int)}. */
  Ticker SYSTEM =
      new Ticker() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
          Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
      };

  long nanoTime();

  void sleepNanos(long nanos) throws InterruptedException;
}
