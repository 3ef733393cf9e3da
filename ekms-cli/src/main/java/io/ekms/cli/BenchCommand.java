package io.ekms.cli;

import io.ekms.bench.Bench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ekms bench}: measure ekms on loopback against the ceiling of its own HTTP stack. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Start identity and EKM on loopback in a temporary directory and measure them"
            + " (closed loop at several concurrencies, one open-loop run) beside the ceiling: the"
            + " same HTTPS stack answering an empty response over one and two hops.")
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--quick", description = "A smoke run of about a minute.")
  boolean quick;

  @Option(
      names = "--out",
      defaultValue = "bench/results",
      description = "Where the JSON results go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws Exception {
    Path work = Files.createTempDirectory("ekms-bench-");
    var results = Bench.run(quick ? Bench.Plan.quick() : Bench.Plan.full(), work, System.out);
    System.out.println("Results: " + Bench.write(results, out));
    long errors = results.stream().mapToLong(r -> r.errors()).sum();
    return errors == 0 ? 0 : 1;
  }
}
