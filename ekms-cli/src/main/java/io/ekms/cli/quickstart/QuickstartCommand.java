package io.ekms.cli.quickstart;

import io.ekms.stack.LoopbackStack;
import io.ekms.stack.StackException;
import io.ekms.stack.StackPorts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ekms quickstart}: sets up identity, EKM and KMS in one data directory (or reuses it),
 * starts them on loopback, tells the whole story step by step, writes {@code quickstart.json}, and
 * keeps serving until Ctrl-C (or, with {@code --exit}, stops with 0 only if every step behaved).
 */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description =
        "Set up and start identity, EKM and KMS on loopback, walk through the story (crypto,"
            + " envelope files, rotation, kill switch, audit, XKS) and write quickstart.json.")
public final class QuickstartCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data-dir",
      defaultValue = "ekms-data",
      description = "Data directory, created or reused (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--exit", description = "Stop after the story instead of serving.")
  boolean exit;

  @Option(
      names = "--port-base",
      description =
          "Use six consecutive ports from this one (identity, its admin, EKM, its admin, KMS, its"
              + " admin) instead of the servers' defaults 8445, 8446, 8443, 8444, 9443, 9444.")
  Integer portBase;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = dataDir.toAbsolutePath();
    StackPorts ports = portBase == null ? StackPorts.DEFAULTS : StackPorts.from(portBase);
    OptionalInt taken = ports.firstTaken();
    if (taken.isPresent()) {
      err.println(
          "ekms quickstart: Port "
              + taken.getAsInt()
              + " on 127.0.0.1 is taken (is another ekms running?); stop it or choose other"
              + " ports with --port-base.");
      err.flush();
      return 1;
    }
    try (LoopbackStack stack = LoopbackStack.start(dir, ports)) {
      QuickstartFile file = QuickstartRun.run(stack, out);
      if (exit) {
        out.println("Every step behaved as expected.");
        out.flush();
        return 0;
      }
      Usage.print(out, dir.resolve(QuickstartFile.NAME), file);
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      stop.await();
      return 0;
    } catch (QuickstartException | StackException e) {
      err.println("ekms quickstart: " + e.getMessage());
      err.flush();
      return 1;
    }
  }
}
