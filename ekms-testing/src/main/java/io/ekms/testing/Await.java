package io.ekms.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Waits for something that must happen (a server recovering on its own retry schedule), with no
 * time limit a slow machine could reach: the wait ends when the condition holds, and only a hang
 * lasting {@link #HANG_GUARD} fails it, so the build is not blocked forever.
 */
public final class Await {
  /** Far beyond any legitimate wait in the tests; reached only when something hangs. */
  public static final Duration HANG_GUARD = Duration.ofMinutes(1);

  private Await() {}

  /**
   * Returns once {@code condition} is true, polling it every 20 ms.
   *
   * @throws AssertionError naming {@code what} when the hang guard is reached
   */
  public static void until(String what, Callable<Boolean> condition) throws Exception {
    answer(what, condition, holds -> holds);
  }

  /**
   * Calls {@code call} until its answer satisfies {@code wanted} (polling every 20 ms) and returns
   * that answer: for something a server notices on its own schedule, such as an audit store taken
   * away, which fails the first batch after the server next checks it.
   *
   * @throws AssertionError naming {@code what} when the hang guard is reached
   */
  public static <T> T answer(String what, Callable<T> call, Predicate<T> wanted) throws Exception {
    long guard = System.nanoTime() + HANG_GUARD.toNanos();
    T answer;
    while (!wanted.test(answer = call.call())) {
      if (System.nanoTime() - guard > 0) {
        throw new AssertionError("hung: " + what + " never happened");
      }
      Thread.sleep(20);
    }
    return answer;
  }
}
