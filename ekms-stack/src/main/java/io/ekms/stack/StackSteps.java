package io.ekms.stack;

import java.util.concurrent.Callable;

/**
 * Runs the named steps of a set-up in order: the quickstart prints one line per step with its
 * result, tests run them silently. A step that fails throws out of {@link #run}.
 */
@FunctionalInterface
public interface StackSteps {
  /** Runs steps without telling anyone. */
  StackSteps SILENT = (name, work) -> work.call();

  /**
   * Runs {@code work}, whose answer says in a few words what the step made.
   *
   * @throws Exception whatever {@code work} threw, or the implementation's own failure
   */
  String run(String name, Callable<String> work) throws Exception;
}
