package io.ekms.cli.conformance;

import io.ekms.common.tls.Pem;
import io.ekms.conformance.Check;
import io.ekms.conformance.ClientTls;
import io.ekms.conformance.Hook;
import io.ekms.conformance.Hooks;
import io.ekms.conformance.Report;
import io.ekms.conformance.Runner;
import io.ekms.conformance.Wire;
import io.ekms.conformance.report.JunitXml;
import io.ekms.conformance.report.ReportJson;
import io.ekms.conformance.report.ReportTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Option;

/** What every protocol's conformance run takes: trust, reports, hooks, the latency budget. */
final class CommonOptions {
  @Option(
      names = "--ca-file",
      description = "PEM CA certificates to trust for the EKM (default: the JDK's trust store).")
  Path caFile;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the report as JSON here.")
  Path json;

  @Option(
      names = "--junit",
      paramLabel = "FILE",
      description = "Write the report as JUnit XML here.")
  Path junit;

  @Option(
      names = "--budget-ms",
      defaultValue = "250",
      description =
          "Latency budget for one call's p99 (default ${DEFAULT-VALUE}: AWS XKS's timeout, the strictest).")
  int budgetMillis;

  @Option(
      names = "--latency-calls",
      defaultValue = "200",
      description = "Sequential calls the latency check measures (default ${DEFAULT-VALUE}).")
  int latencyCalls;

  @Option(names = "--timeout-s", defaultValue = "10", description = "Per-request timeout, seconds.")
  int timeoutSeconds;

  @Option(
      names = "--disable-hook",
      paramLabel = "CMD",
      description = "Shell command that disables the checked key.")
  String disableHook;

  @Option(
      names = "--enable-hook",
      paramLabel = "CMD",
      description = "Shell command that enables it again.")
  String enableHook;

  @Option(
      names = "--fault-hook",
      paramLabel = "CMD",
      description = "Shell command that takes a dependency of the EKM away (HSM, audit store).")
  String faultHook;

  @Option(
      names = "--recover-hook",
      paramLabel = "CMD",
      description = "Shell command that brings it back.")
  String recoverHook;

  Duration budget() {
    return Duration.ofMillis(budgetMillis);
  }

  Hooks hooks() {
    return new Hooks(hook(disableHook), hook(enableHook), hook(faultHook), hook(recoverHook));
  }

  private static Optional<Hook> hook(String command) {
    return Optional.ofNullable(command).map(c -> Hook.shell(c, Duration.ofMinutes(2)));
  }

  /** The kit's HTTPS, trusting {@code --ca-file} (else the JDK's trust store). */
  Wire wire() throws IOException {
    return wire(ClientTls.of(trusted(), null, null));
  }

  /** The kit's HTTPS over {@code tls}. */
  Wire wire(SSLContext tls) {
    return new Wire(tls, Duration.ofSeconds(timeoutSeconds));
  }

  /** The certificates of {@code --ca-file}, or null for the JDK's trust store. */
  List<X509Certificate> trusted() throws IOException {
    return caFile == null ? null : Pem.certificates(caFile);
  }

  /** Runs, prints the table line by line, writes the files asked for; 0 if it conforms, else 1. */
  int run(PrintWriter out, String suite, String endpoint, List<Check> checks) throws IOException {
    out.println(suite + " conformance against " + endpoint + " (" + checks.size() + " checks)");
    out.flush();
    Report report =
        new Runner(
                Clock.systemUTC(),
                o -> {
                  out.println(ReportTable.line(o));
                  out.flush();
                })
            .run(suite, endpoint, checks);
    out.println(ReportTable.summary(report));
    out.flush();
    if (json != null) {
      Files.write(json, ReportJson.render(report));
    }
    if (junit != null) {
      Files.writeString(junit, JunitXml.render(report), StandardCharsets.UTF_8);
    }
    return report.conforms() ? 0 : 1;
  }
}
