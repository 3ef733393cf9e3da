package io.ekms.cli.quickstart;

import io.ekms.core.http.Listener;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.kms.server.KmsConfig;
import io.ekms.stack.ClusterDatabase;
import io.ekms.stack.ClusterPorts;
import io.ekms.stack.LoopbackStack;
import io.ekms.stack.LoopbackStackBuilder;
import io.ekms.stack.ProcessCluster;
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
  /** Where the password of {@code --database-url} comes from; the nodes inherit it. */
  static final String PASSWORD_ENV = "EKMS_DATABASE_PASSWORD";

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
              + " admin) instead of the servers' defaults 8445, 8446, 8443, 8444, 9443, 9444. With"
              + " --nodes: identity, its admin, then API and admin of each EKM node, then of each"
              + " KMS node.")
  Integer portBase;

  @Option(
      names = "--xks-mtls",
      description =
          "Serve the XKS API on its own listener (port 8447, or the port base + 6) behind mutual"
              + " TLS, as AWS KMS reaches an external key store; the client certificate and key"
              + " are made under <data dir>/xks-mtls/ and named in quickstart.json"
              + " (xks.clientCertificate, xks.clientKey).")
  boolean xksMtls;

  @Option(
      names = "--nodes",
      defaultValue = "1",
      description =
          "1 (default): everything in this process. 2 or more: that many EKM and KMS nodes, each"
              + " a process of its own, on one PostgreSQL (see docs/cluster.md).")
  int nodes;

  @Option(
      names = "--database-url",
      description =
          "With --nodes: a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db) instead of the"
              + " embedded PostgreSQL; its password, if any, from EKMS_DATABASE_PASSWORD.")
  String databaseUrl;

  @Option(
      names = "--database-user",
      defaultValue = "postgres",
      description = "With --database-url: the user (default: ${DEFAULT-VALUE}).")
  String databaseUser;

  @Option(
      names = "--kms-rate-limit",
      paramLabel = "PER_SECOND",
      description =
          "Requests a second each principal may make of the KMS (bursts to twice that; 0: no"
              + " limit; default: a served KMS's 1000). bench/outside.sh measures with 0, as the"
              + " bench does.")
  Integer kmsRateLimit;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = dataDir.toAbsolutePath();
    if (nodes < 1 || nodes > 9) {
      err.println("ekms quickstart: --nodes must be 1 to 9.");
      err.flush();
      return 2;
    }
    if (kmsRateLimit != null && (kmsRateLimit < 0 || kmsRateLimit > 500_000)) {
      err.println("ekms quickstart: --kms-rate-limit must be 0 to 500000.");
      err.flush();
      return 2;
    }
    if (nodes > 1) {
      if (xksMtls) {
        err.println("ekms quickstart: --xks-mtls is for one node.");
        err.flush();
        return 2;
      }
      if (kmsRateLimit != null) {
        err.println(
            "ekms quickstart: --kms-rate-limit is for one node; a cluster's nodes keep theirs.");
        err.flush();
        return 2;
      }
      return cluster(dir, out, err);
    }
    StackPorts ports = portBase == null ? StackPorts.DEFAULTS : StackPorts.from(portBase);
    int xksPort = (portBase == null ? 8441 : portBase) + 6;
    OptionalInt taken = xksMtls ? xksPortTaken(ports, xksPort) : ports.firstTaken();
    if (taken.isPresent()) {
      err.println(
          "ekms quickstart: Port "
              + taken.getAsInt()
              + " on 127.0.0.1 is taken (is another ekms running?); stop it or choose other"
              + " ports with --port-base.");
      err.flush();
      return 1;
    }
    XksMtls mtls = xksMtls ? XksMtls.prepare(dir) : null;
    LoopbackStackBuilder builder =
        LoopbackStack.builder(dir)
            .ports(ports)
            .ekm(
                ekm -> {
                  // The EKM's default: a deleted key waits 30 days, cancellable, before it is gone.
                  ekm.keyDeletion(null);
                  return mtls == null
                      ? ekm
                      : ekm.xks(
                          new EkmConfig.Xks(
                              new Listener("127.0.0.1", xksPort), mtls.clientCa().toString()));
                });
    if (kmsRateLimit != null) {
      builder.kms(kms -> kms.rateLimit(new KmsConfig.RateLimit(kmsRateLimit, 2 * kmsRateLimit)));
    }
    try (LoopbackStack stack = builder.start()) {
      QuickstartFile file = QuickstartRun.run(stack, out, mtls);
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

  /** The first taken port of {@code ports} and the XKS listener's {@code xksPort}, if any. */
  private static OptionalInt xksPortTaken(StackPorts ports, int xksPort) {
    OptionalInt taken = ports.firstTaken();
    return taken.isPresent() || !StackPorts.taken(xksPort) ? taken : OptionalInt.of(xksPort);
  }

  /** The database of {@code --database-url}, or null for the embedded PostgreSQL. */
  private ClusterDatabase database() {
    if (databaseUrl == null) {
      return null;
    }
    String passwordEnv = System.getenv(PASSWORD_ENV) == null ? null : PASSWORD_ENV;
    return new ClusterDatabase(databaseUrl, databaseUser, passwordEnv);
  }

  private Integer cluster(Path dir, PrintWriter out, PrintWriter err) throws Exception {
    ClusterPorts ports =
        portBase == null ? ClusterPorts.defaults(nodes) : ClusterPorts.from(portBase, nodes);
    try (ProcessCluster cluster = ClusterQuickstart.run(dir, ports, database(), out)) {
      if (exit) {
        out.println("Every step behaved as expected; stopping every node.");
        out.flush();
        return 0;
      }
      out.println("Serving until Ctrl-C. CA: " + cluster.caFile());
      out.flush();
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
