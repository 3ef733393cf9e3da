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
        "Start identity, EKM and KMS on loopback in a temporary directory and measure them"
            + " (closed loop at several concurrencies, one open-loop run) beside the ceiling (the"
            + " same HTTPS stack answering an empty response over one and two hops) and the peer"
            + " (Apache Hadoop KMS); then envelope encryption against raw AES-GCM and the PKCS#11"
            + " backend against the raw provider. Prints a table and the targets; writes JSON and"
            + " an HTML chart.")
final class BenchCommand implements Callable<Integer> {
  @Option(
      names = "--quick",
      description = "A smoke run of under two minutes (concurrency 16 only, short points).")
  boolean quick;

  @Option(
      names = "--out",
      defaultValue = "bench/results",
      description = "Where the JSON results and the chart go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws Exception {
    Path work = Files.createTempDirectory("ekms-bench-");
    var outcome = Bench.run(quick ? Bench.Plan.quick() : Bench.Plan.full(), work, System.out);
    Path json = Bench.write(outcome, out);
    System.out.println(
        "Results: "
            + json
            + " (chart: "
            + json.getFileName().toString().replace(".json", ".html")
            + " beside it)");
    return outcome.errors() == 0 ? 0 : 1;
  }
}
