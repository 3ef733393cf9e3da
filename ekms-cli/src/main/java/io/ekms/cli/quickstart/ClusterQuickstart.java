package io.ekms.cli.quickstart;

import io.ekms.cli.Main;
import io.ekms.stack.ClusterDatabase;
import io.ekms.stack.ClusterNode;
import io.ekms.stack.ClusterPorts;
import io.ekms.stack.ProcessCluster;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code ekms quickstart --nodes N} (N of at least 2): N EKM and N KMS nodes as separate processes
 * on one PostgreSQL ({@link ProcessCluster}), then the {@link ClusterStory}.
 */
final class ClusterQuickstart {
  private ClusterQuickstart() {}

  /** Starts the cluster, tells the story and returns the running cluster (the caller closes it). */
  static ProcessCluster run(
      Path dataDir, ClusterPorts ports, ClusterDatabase database, PrintWriter out)
      throws Exception {
    out.println(
        "Starting "
            + (database == null ? "an embedded PostgreSQL" : "on " + database.jdbcUrl())
            + ", identity, "
            + ports.nodes()
            + " EKM and "
            + ports.nodes()
            + " KMS nodes under "
            + dataDir);
    out.flush();
    ProcessCluster cluster =
        ProcessCluster.start(
            new ProcessCluster.Options(dataDir, ports, database, Main.class.getName()));
    try {
      for (ClusterNode node : cluster.ekmNodes()) {
        out.printf(
            "    %-6s %s (admin %s), pid %d%n",
            node.name(), node.url(), node.adminUrl(), node.pid());
      }
      for (ClusterNode node : cluster.kmsNodes()) {
        out.printf(
            "    %-6s %s (admin %s), pid %d%n",
            node.name(), node.url(), node.adminUrl(), node.pid());
      }
      out.flush();
      new ClusterStory(cluster, out).run();
      return cluster;
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }
}
