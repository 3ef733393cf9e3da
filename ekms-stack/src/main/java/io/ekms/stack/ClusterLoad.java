package io.ekms.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Requests under load through the KMS nodes of a cluster, round-robin as a load balancer in front
 * of them spreads them: each worker sends one request after the other, to the next KMS node each
 * time. A request that got no answer at all ({@code noAnswer}: the connection was refused or closed
 * before any byte of an answer) is sent once more to the next KMS node, as a load balancer retries
 * a connection failure; a request that got an HTTP answer, error or not, is never sent again. Every
 * outcome is kept, with its start and end ({@link System#nanoTime()}).
 */
public final class ClusterLoad implements AutoCloseable {
  /** Most a caller waits for successes: a guard against a hung cluster, not a measurement. */
  private static final long WAIT_LIMIT_SECONDS = 120;

  /** One request through KMS node {@code kms} (from 0). */
  @FunctionalInterface
  public interface Call {
    void run(int kms) throws Exception;
  }

  /** One request: the KMS node that answered (or last failed), when, and its failure if any. */
  public record Outcome(int kms, long startNanos, long endNanos, Exception failure) {
    public boolean ok() {
      return failure == null;
    }
  }

  private final int kmsNodes;
  private final Call call;
  private final Predicate<Exception> noAnswer;
  private final List<Outcome> outcomes = new ArrayList<>();
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean running = true;

  private ClusterLoad(int kmsNodes, Call call, Predicate<Exception> noAnswer) {
    this.kmsNodes = kmsNodes;
    this.call = call;
    this.noAnswer = noAnswer;
  }

  /** Starts {@code threads} workers sending requests until {@link #close()}. */
  public static ClusterLoad start(
      int kmsNodes, int threads, Call call, Predicate<Exception> noAnswer) {
    ClusterLoad load = new ClusterLoad(kmsNodes, call, noAnswer);
    for (int i = 0; i < threads; i++) {
      int first = i;
      load.workers.add(Thread.ofPlatform().name("cluster-load-" + i).start(() -> load.work(first)));
    }
    return load;
  }

  private void work(int first) {
    for (long n = first; running; n++) {
      int kms = (int) (n % kmsNodes);
      long start = System.nanoTime();
      Exception failure = send(kms);
      if (failure != null && noAnswer.test(failure)) {
        kms = (kms + 1) % kmsNodes;
        failure = send(kms);
      }
      record(new Outcome(kms, start, System.nanoTime(), failure));
    }
  }

  private Exception send(int kms) {
    try {
      call.run(kms);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e;
    } catch (Exception e) {
      return e;
    }
  }

  private synchronized void record(Outcome outcome) {
    outcomes.add(outcome);
    notifyAll();
  }

  /**
   * Waits until {@code count} requests that started after {@code afterNanos} succeeded through KMS
   * node {@code kms}.
   *
   * @throws StackException when they do not within the guard limit
   */
  public void awaitSuccesses(int kms, int count, long afterNanos) throws InterruptedException {
    await(kms, count, afterNanos, true);
  }

  /**
   * Waits until {@code count} requests that started after {@code afterNanos} failed through KMS
   * node {@code kms}.
   *
   * @throws StackException when they do not within the guard limit
   */
  public void awaitFailures(int kms, int count, long afterNanos) throws InterruptedException {
    await(kms, count, afterNanos, false);
  }

  private synchronized void await(int kms, int count, long afterNanos, boolean ok)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_LIMIT_SECONDS);
    while (count(kms, afterNanos, ok) < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new StackException(
            "KMS node "
                + (kms + 1)
                + " gave fewer than "
                + count
                + (ok ? " answers" : " failures")
                + " in time");
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  private long count(int kms, long afterNanos, boolean ok) {
    return outcomes.stream()
        .filter(o -> o.ok() == ok && o.kms() == kms && o.startNanos() > afterNanos)
        .count();
  }

  /** Every outcome so far, in the order they ended. */
  public synchronized List<Outcome> outcomes() {
    return List.copyOf(outcomes);
  }

  /** As {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /** Stops the workers after their current request and waits for them. */
  public void stop() {
    running = false;
    for (Thread worker : workers) {
      try {
        worker.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
