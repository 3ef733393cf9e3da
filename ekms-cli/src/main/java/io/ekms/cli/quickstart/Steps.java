package io.ekms.cli.quickstart;

import io.ekms.stack.StackSteps;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Runs the quickstart's steps in order, printing one numbered line per step with its result. A step
 * that throws ends the run with a {@link QuickstartException} naming it.
 */
final class Steps implements StackSteps {
  private final PrintWriter out;
  private int count;

  Steps(PrintWriter out) {
    this.out = out;
  }

  /** Runs {@code work}; its answer is the line's result. */
  @Override
  public String run(String name, Callable<String> work) {
    count++;
    String result;
    try {
      result = work.call();
    } catch (QuickstartException e) {
      throw new QuickstartException("Step " + count + " (" + name + ") failed: " + e.getMessage());
    } catch (Exception e) {
      throw new QuickstartException("Step " + count + " (" + name + ") failed: " + oneLine(e), e);
    }
    out.printf("%2d. %-58s %s%n", count, name, result);
    out.flush();
    return result;
  }

  /** Runs {@code work} as a step whose line says "ok"; returns what it made. */
  <T> T runFor(String name, Callable<T> work) {
    return runFor(name, work, made -> "ok");
  }

  /** Runs {@code work} as a step whose line {@code describe} writes; returns what it made. */
  <T> T runFor(String name, Callable<T> work, Function<T, String> describe) {
    List<T> made = new ArrayList<>(1);
    run(
        name,
        () -> {
          made.add(work.call());
          return describe.apply(made.getFirst());
        });
    return made.getFirst();
  }

  /** Fails the current step unless {@code condition} holds. */
  static void expect(boolean condition, String what) {
    if (!condition) {
      throw new QuickstartException(what);
    }
  }

  private static String oneLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
