package io.ekms.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One EKM or KMS node of a {@link ProcessCluster}: a separate JVM running {@code ekms <kind> serve
 * --config <node>.yaml --data-dir <node dir>}, its output appended to {@code <node dir>/node.log}.
 * It counts as started once it prints the line its serve command prints after its listeners are
 * bound.
 */
public final class ClusterNode {
  /** Longest a node may take to start; only a guard against a hung JVM. */
  private static final long START_LIMIT_SECONDS = 180;

  private final String name;
  private final String kind;
  private final Path dir;
  private final Path config;
  private final int apiPort;
  private final int adminPort;
  private final List<String> java;
  private Process process;
  private final List<String> output = new ArrayList<>();

  ClusterNode(
      String name,
      String kind,
      Path dir,
      Path config,
      int apiPort,
      int adminPort,
      List<String> java) {
    this.name = name;
    this.kind = kind;
    this.dir = dir;
    this.config = config;
    this.apiPort = apiPort;
    this.adminPort = adminPort;
    this.java = List.copyOf(java);
  }

  /** {@code ekm-1}, {@code kms-2}, ... */
  public String name() {
    return name;
  }

  public String url() {
    return "https://127.0.0.1:" + apiPort;
  }

  public String adminUrl() {
    return "https://127.0.0.1:" + adminPort;
  }

  /** {@code 127.0.0.1:port} of the API. */
  public String address() {
    return "127.0.0.1:" + apiPort;
  }

  public Path dir() {
    return dir;
  }

  public synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  public synchronized boolean running() {
    return process != null && process.isAlive();
  }

  /**
   * Starts the node's JVM and returns once it serves.
   *
   * @throws StackException when it exits first, naming its log
   */
  public synchronized void start() {
    if (running()) {
      return;
    }
    List<String> command = new ArrayList<>(java);
    // --data-dir too: the serve commands' own default would beat the file's dataDir.
    command.addAll(
        List.of(kind, "serve", "--config", config.toString(), "--data-dir", dir.toString()));
    CompletableFuture<Void> serving = new CompletableFuture<>();
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new StackException("cannot start " + name + ": " + e.getMessage());
    }
    Thread.ofPlatform()
        .daemon()
        .name(name + "-log")
        .start(() -> copyOutput(process, serving, kind.toUpperCase() + " API"));
    try {
      serving.get(START_LIMIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      kill();
      throw new StackException(name + " did not start; see " + log());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
      throw new StackException("interrupted while starting " + name);
    }
  }

  /** Kills the node's JVM at once (SIGKILL, as {@code kill -9}) and waits until it is gone. */
  public synchronized void kill() {
    if (process != null) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      await(process);
    }
  }

  /** Stops the node's JVM gracefully (SIGTERM: its shutdown hook closes the server) and waits. */
  public synchronized void stop() {
    if (process != null) {
      process.destroy();
      await(process);
    }
  }

  public Path log() {
    return dir.resolve("node.log");
  }

  private void printed(String line) {
    synchronized (output) {
      output.add(line);
      output.notifyAll();
    }
  }

  /** How many lines the node has printed so far, over all its starts: a mark for the next. */
  public int outputMark() {
    synchronized (output) {
      return output.size();
    }
  }

  /** The index of the first line from {@code mark} on that contains {@code text}, or -1. */
  public int findOutput(int mark, String text) {
    synchronized (output) {
      for (int i = mark; i < output.size(); i++) {
        if (output.get(i).contains(text)) {
          return i;
        }
      }
      return -1;
    }
  }

  /**
   * Waits until the node prints a line containing {@code text} from {@code mark} on.
   *
   * @throws StackException when it does not within the start guard limit
   */
  public void awaitOutput(int mark, String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_LIMIT_SECONDS);
    synchronized (output) {
      while (findOutput(mark, text) < 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new StackException(name + " did not print '" + text + "'; see " + log());
        }
        TimeUnit.NANOSECONDS.timedWait(output, left);
      }
    }
  }

  private static void await(Process process) {
    boolean interrupted = false;
    while (true) {
      try {
        process.waitFor();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
        process.destroyForcibly();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void copyOutput(Process child, CompletableFuture<Void> serving, String readyLine) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        Writer out =
            Files.newBufferedWriter(log(), StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      out.write("--- " + name + " started, pid " + child.pid() + "\n");
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        out.write(line + "\n");
        out.flush();
        printed(line);
        if (line.startsWith(readyLine)) {
          serving.complete(null);
        }
      }
    } catch (IOException e) {
      serving.completeExceptionally(new UncheckedIOException(e));
    }
    serving.completeExceptionally(new IllegalStateException(name + " exited"));
  }
}
