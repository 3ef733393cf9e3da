package io.ekms.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Closed-loop points driven by wrk, a C load generator in a process of its own, as a user's load
 * from outside would be: it replays a {@link Replayable}'s request on {@code concurrency}
 * keep-alive connections (two threads, one below two connections) and reports through a Lua {@code
 * done} hook ({@link WrkScript}). Operations that cannot be replayed (a fresh signature per
 * request: {@link Replayable#replay()} is empty) go to the in-JVM generator.
 */
final class WrkDriver implements ClosedLoopDriver {
  /** Longer than any answer the bench expects; a slower one counts as an error. */
  static final String TIMEOUT = "30s";

  private final Path wrk;
  private final Path workDir;

  WrkDriver(Path wrk, Path workDir) {
    this.wrk = wrk;
    this.workDir = workDir;
  }

  /** The {@code wrk} executable on the {@code PATH}, if any. */
  static Optional<Path> find() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "wrk");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  @Override
  public void warm(Operation op, int concurrency, Duration duration) throws InterruptedException {
    if (replayable(op)) {
      run((Replayable) op, concurrency, duration);
    } else {
      LoadGenerator.warm(op, concurrency, duration);
    }
  }

  @Override
  public Result closedLoop(
      String scenario, Operation op, int concurrency, Duration warmup, Duration measure)
      throws InterruptedException {
    if (!replayable(op)) {
      return LoadGenerator.closedLoop(scenario, op, concurrency, warmup, measure);
    }
    run((Replayable) op, concurrency, warmup);
    return run((Replayable) op, concurrency, measure).toResult(scenario, concurrency);
  }

  private static boolean replayable(Operation op) {
    return op instanceof Replayable r && r.replay().isPresent();
  }

  @Override
  public String describe() {
    return "wrk (" + wrk + ") from a process of its own";
  }

  private WrkScript.Summary run(Replayable op, int concurrency, Duration duration)
      throws InterruptedException {
    // Asked again for each run: a signed request's signature is renewed while it is still valid.
    Replayable.Wire wire = op.replay().orElseThrow();
    try {
      Path script = Files.createTempFile(workDir, "wrk-", ".lua");
      Path output = Files.createTempFile(workDir, "wrk-", ".out");
      try {
        Files.writeString(script, WrkScript.of(wire));
        List<String> command = new ArrayList<>();
        command.add(wrk.toString());
        command.addAll(
            List.of(
                "-t" + Math.min(2, concurrency),
                "-c" + concurrency,
                "-d" + Math.max(1, duration.toMillis() / 1000) + "s",
                "--timeout",
                TIMEOUT,
                "-s",
                script.toString(),
                wire.uri().toString()));
        Process p =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!p.waitFor(duration.toSeconds() + 120, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException("wrk did not end");
        }
        String out = Files.readString(output, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
          throw new IllegalStateException("wrk exited " + p.exitValue() + ": " + out.strip());
        }
        return WrkScript.parse(out);
      } finally {
        Files.deleteIfExists(script);
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("wrk could not run: " + e.getMessage(), e);
    }
  }
}
