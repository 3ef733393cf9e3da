package io.ekms.conformance;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * An action on the EKM's administration that a check needs and the protocol cannot do: disable and
 * re-enable a key, take a dependency away and bring it back. Vendors give them as shell commands.
 */
@FunctionalInterface
public interface Hook {
  void run() throws Exception;

  /**
   * Runs {@code command} with {@code sh -c}, failing if it exits non-zero or outlasts {@code
   * limit}; its output is discarded (it may hold tokens).
   */
  static Hook shell(String command, Duration limit) {
    return () -> {
      Process process =
          new ProcessBuilder("sh", "-c", command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException("the hook did not finish within " + limit.toSeconds() + " s");
      }
      if (process.exitValue() != 0) {
        throw new IOException("the hook exited with " + process.exitValue() + ": " + name(command));
      }
    };
  }

  /** The hook's first word, for messages (the rest may carry a token). */
  private static String name(String command) {
    return command.strip().split("\\s+", 2)[0];
  }
}
