package io.ekms.cli;

import io.ekms.bench.Bench;
import io.ekms.stack.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ekms bench}: measure ekms on loopback against the ceiling of its own HTTP stack. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Start identity, EKM and KMS on loopback in a temporary directory and measure them"
            + " (closed loop at several concurrencies, open loop at shares of the best rate) beside the ceiling (the"
            + " same HTTPS stack answering an empty response over one and two hops) and the peer"
            + " (Apache Hadoop KMS); then envelope encryption against raw AES-GCM and the PKCS#11"
            + " backend against the raw provider. Prints a table and the targets; writes JSON and"
            + " an HTML chart.")
final class BenchCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--quick",
      description = "A smoke run of under two minutes (concurrency 16 only, short points).")
  boolean quick;

  @Option(
      names = "--out",
      defaultValue = "bench/results",
      description = "Where the JSON results and the chart go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--only",
      paramLabel = "REGEX",
      description =
          "Measure only the scenarios whose name matches (e.g. 'kms-decrypt$', 'ceiling|ekm-';"
              + " 'envelope' and 'pkcs11' name the two comparisons). For profiling one path.")
  String only;

  @Option(
      names = "--seconds",
      paramLabel = "N",
      description =
          "Measure each point for N seconds instead of the plan's, after a warm-up as long (at most 30 s; for profiling).")
  Integer seconds;

  @Option(
      names = "--driver",
      defaultValue = "auto",
      paramLabel = "wrk|jvm|auto",
      description =
          "What drives the closed-loop points: wrk (in a process of its own, as load from"
              + " outside is), jvm (the in-JVM generator) or auto (wrk when on the PATH; default).")
  String driver;

  @Override
  public Integer call() throws Exception {
    Bench.Plan plan = quick ? Bench.Plan.quick() : Bench.Plan.full();
    if (only != null) {
      try {
        plan = plan.only(only);
      } catch (PatternSyntaxException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--only is not a regular expression: " + e.getDescription());
      }
    }
    if (seconds != null) {
      if (seconds < 1 || seconds > 3600) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--seconds must be 1 to 3600.");
      }
      plan = plan.measuringFor(seconds);
    }
    Bench.Driver chosen =
        switch (driver) {
          case "wrk" -> Bench.Driver.WRK;
          case "jvm" -> Bench.Driver.JVM;
          case "auto" -> Bench.Driver.AUTO;
          default ->
              throw new CommandLine.ParameterException(
                  spec.commandLine(), "--driver must be wrk, jvm or auto.");
        };
    Path work = Files.createTempDirectory("ekms-bench-");
    io.ekms.bench.Outcome outcome;
    try {
      outcome = Bench.run(plan, chosen, work, System.out);
    } finally {
      Trees.deleteRecursively(
          work); // the servers' databases and audit logs: gigabytes after a full run
    }
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
