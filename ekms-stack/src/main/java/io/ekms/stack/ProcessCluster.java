package io.ekms.stack;

import io.ekms.admin.client.AdminHttp;
import io.ekms.admin.client.EkmAdmin;
import io.ekms.admin.client.IdentityAdmin;
import io.ekms.admin.client.KmsAdmin;
import io.ekms.core.config.ConfigLoader;
import io.ekms.core.http.Listener;
import io.ekms.core.tls.LocalCa;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.ekm.server.EkmInit;
import io.ekms.identity.server.IdentityConfig;
import io.ekms.identity.server.IdentityInit;
import io.ekms.identity.server.IdentityServer;
import io.ekms.kms.server.KmsConfig;
import io.ekms.kms.server.KmsInit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Several EKM and KMS nodes as separate JVMs ({@link ClusterNode}) on one PostgreSQL, with one
 * identity server in this process, all on 127.0.0.1 under one CA ({@code <dataDir>/tls/ca.pem}).
 * The EKM nodes share a master key ({@code shared/ekm-master.key}), the admin token and the token
 * audience (the first node's origin); the KMS nodes share theirs. Each node has a data directory of
 * its own ({@code ekm-1}, {@code kms-2}, ...), so its own audit node id. The PostgreSQL is embedded
 * (a fresh server per run: the node directories are made anew) or the one {@link
 * Options#database()} names (the directories are then reused). A shutdown hook stops every child
 * process if this JVM exits without {@link #close()}.
 */
public final class ProcessCluster implements StackEndpoints, AutoCloseable {
  /**
   * How to start a cluster: {@code database} null means embedded PostgreSQL; {@code mainClass} is
   * the {@code ekms} command's main class, run from this JVM's class path.
   */
  public record Options(
      Path dataDir, ClusterPorts ports, ClusterDatabase database, String mainClass) {}

  private final Path dataDir;
  private final List<ClusterNode> ekms = new ArrayList<>();
  private final List<ClusterNode> kmss = new ArrayList<>();
  private final Thread hook = new Thread(this::stopAll, "ekms-cluster-stop");
  private EmbeddedPostgres postgres;
  private ClusterDatabase database;
  private IdentityServer identity;

  private ProcessCluster(Path dataDir) {
    this.dataDir = dataDir;
  }

  /**
   * Initialises the data directory and the database, then starts identity and every node; returns
   * once all serve.
   *
   * @throws StackException when a port is taken, the database refuses, or a node does not start
   */
  public static ProcessCluster start(Options options) throws IOException {
    if (options.ports().firstTaken().isPresent()) {
      throw new StackException(
          "Port "
              + options.ports().firstTaken().getAsInt()
              + " on 127.0.0.1 is taken (is another ekms running?); stop it or choose other"
              + " ports.");
    }
    ProcessCluster cluster = new ProcessCluster(options.dataDir().toAbsolutePath());
    Runtime.getRuntime().addShutdownHook(cluster.hook);
    try {
      cluster.setUp(options);
      return cluster;
    } catch (IOException | RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  private void setUp(Options options) throws IOException {
    Map<String, String> env = System.getenv();
    ClusterDatabase db = options.database();
    if (db == null) {
      cleanNodeDirectories();
      postgres = EmbeddedPostgres.start();
      db = new ClusterDatabase(postgres.jdbcUrl(), EmbeddedPostgres.USER, null);
    }
    db.createSchemas(env);
    database = db;
    Files.createDirectories(dataDir.resolve("shared"));
    LocalCa ca = StackCa.loadOrCreate(dataDir.resolve("tls"));
    startIdentity(ca, options.ports());
    ClusterPorts ports = options.ports();
    List<String> java = javaCommand(options.mainClass());
    String audience = "https://127.0.0.1:" + ports.ekm(0, false) + "/";
    for (int i = 0; i < ports.nodes(); i++) {
      Path dir = dataDir.resolve("ekm-" + (i + 1));
      StackCa.issueServer(ca, "ekms-ekm", dir);
      Path masterKey = dataDir.resolve("shared/ekm-master.key");
      Path yaml =
          ClusterConfigs.writeEkm(
              dir, ports.ekm(i, false), ports.ekm(i, true), db, masterKey, audience);
      if (i == 0) {
        EkmInit.run(
            ConfigLoader.load(yaml, EkmConfig.class, "EKMS_EKM", Map.of()),
            env,
            LoopbackStack.FIRST_ADMINISTRATOR);
      } else {
        shareToken(dataDir.resolve("ekm-1"), dir);
      }
      ekms.add(
          new ClusterNode(
              "ekm-" + (i + 1), "ekm", dir, yaml, ports.ekm(i, false), ports.ekm(i, true), java));
    }
    for (int i = 0; i < ports.nodes(); i++) {
      Path dir = dataDir.resolve("kms-" + (i + 1));
      StackCa.issueServer(ca, "ekms-kms", dir);
      Path masterKey = dataDir.resolve("shared/kms-master.key");
      Path yaml =
          ClusterConfigs.writeKms(
              dir, ports.kms(i, false), ports.kms(i, true), db, masterKey, caFile());
      if (i == 0) {
        KmsInit.run(
            ConfigLoader.load(yaml, KmsConfig.class, "EKMS_KMS", Map.of()),
            env,
            ca,
            LoopbackStack.FIRST_ADMINISTRATOR);
      } else {
        shareToken(dataDir.resolve("kms-1"), dir);
      }
      kmss.add(
          new ClusterNode(
              "kms-" + (i + 1), "kms", dir, yaml, ports.kms(i, false), ports.kms(i, true), java));
    }
    startAll();
  }

  private void startIdentity(LocalCa ca, ClusterPorts ports) throws IOException {
    IdentityConfig config =
        IdentityConfig.builder(dataDir.resolve("identity"))
            .api(new Listener("127.0.0.1", ports.identity()))
            .admin(new Listener("127.0.0.1", ports.identityAdmin()))
            .build();
    StackCa.issueServer(ca, "ekms-identity", config.dataPath());
    IdentityInit.run(config, Map.of());
    identity = IdentityServer.start(config, Map.of());
  }

  /** Starts every node at once (they migrate one database together) and waits for all. */
  private void startAll() {
    List<Thread> starts = new ArrayList<>();
    List<RuntimeException> failures = new ArrayList<>();
    for (ClusterNode node : nodes()) {
      starts.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      node.start();
                    } catch (RuntimeException e) {
                      synchronized (failures) {
                        failures.add(e);
                      }
                    }
                  }));
    }
    for (Thread start : starts) {
      try {
        start.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StackException("interrupted while starting the cluster");
      }
    }
    if (!failures.isEmpty()) {
      throw failures.getFirst();
    }
  }

  /** The admin token of a kind's first node, shared by the others (one database, one hash). */
  private static void shareToken(Path first, Path node) throws IOException {
    Path token = node.resolve("admin.token");
    if (!Files.exists(token)) {
      // COPY_ATTRIBUTES keeps the owner-only mode (0600) of the token file.
      Files.copy(first.resolve("admin.token"), token, StandardCopyOption.COPY_ATTRIBUTES);
    }
  }

  /** A fresh embedded database knows nothing of earlier node directories: they are made anew. */
  private void cleanNodeDirectories() throws IOException {
    if (!Files.isDirectory(dataDir)) {
      return;
    }
    try (var entries = Files.list(dataDir)) {
      for (Path entry : entries.toList()) {
        String name = entry.getFileName().toString();
        if (name.matches("(ekm|kms)-\\d+|identity|shared")) {
          Trees.deleteRecursively(entry);
        }
      }
    }
  }

  /** {@code java -cp <this JVM's class path> <mainClass>}, with a small heap per node. */
  static List<String> javaCommand(String mainClass) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return List.of(
        java,
        "-Xmx256m",
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-cp",
        System.getProperty("java.class.path"),
        mainClass);
  }

  /**
   * One step of a rolling restart: stops {@code node} gracefully, starts it again, and for an EKM
   * node waits until every KMS node that kept it out while it was down has it back (the KMS logs
   * {@code EKM node <address> answers again}), so that the next node may go down. A KMS node needs
   * no such wait: a load balancer sends it requests as soon as it accepts connections.
   */
  public void restart(ClusterNode node) throws InterruptedException {
    List<Integer> marks = kmsOutputMarks();
    node.stop();
    node.start();
    if (ekms.contains(node)) {
      awaitBackInRotation(node, marks);
    }
  }

  /** Where each KMS node's output stands now, for {@link #awaitBackInRotation}. */
  public List<Integer> kmsOutputMarks() {
    return kmss.stream().map(ClusterNode::outputMark).toList();
  }

  /**
   * Waits until every KMS node that logged {@code ekm} as failed since {@code marks} logged it
   * answering again.
   */
  public void awaitBackInRotation(ClusterNode ekm, List<Integer> marks)
      throws InterruptedException {
    for (int i = 0; i < kmss.size(); i++) {
      ClusterNode kms = kmss.get(i);
      int failed = kms.findOutput(marks.get(i), "EKM node " + ekm.address() + " failed");
      if (failed >= 0) {
        kms.awaitOutput(failed, "EKM node " + ekm.address() + " answers again");
      }
    }
  }

  /** The database every node shares. */
  public ClusterDatabase database() {
    return database;
  }

  /** The EKM nodes, in the order the private endpoint lists them. */
  public List<ClusterNode> ekmNodes() {
    return List.copyOf(ekms);
  }

  public List<ClusterNode> kmsNodes() {
    return List.copyOf(kmss);
  }

  private List<ClusterNode> nodes() {
    List<ClusterNode> all = new ArrayList<>(ekms);
    all.addAll(kmss);
    return all;
  }

  @Override
  public Path dataDir() {
    return dataDir;
  }

  @Override
  public Path caFile() {
    return dataDir.resolve("tls/ca.pem");
  }

  @Override
  public String identityIssuer() {
    return identity.issuer();
  }

  @Override
  public String kmsUrl() {
    return kmss.getFirst().url();
  }

  @Override
  public String ekmUrl() {
    return ekms.getFirst().url();
  }

  @Override
  public String ekmAudience() {
    return ekmUrl() + "/";
  }

  @Override
  public List<String> ekmAddresses() {
    return ekms.stream().map(ClusterNode::address).toList();
  }

  @Override
  public IdentityAdmin identityAdmin() {
    return new IdentityAdmin(
        AdminHttp.of(
            "identity server",
            "https://127.0.0.1:" + identity.adminPort(),
            caFile(),
            dataDir.resolve("identity/admin.token")));
  }

  @Override
  public EkmAdmin ekmAdmin() {
    return ekmAdmin(ekms.getFirst());
  }

  /** The admin API of one EKM node. */
  public EkmAdmin ekmAdmin(ClusterNode node) {
    return new EkmAdmin(
        AdminHttp.of(node.name(), node.adminUrl(), caFile(), node.dir().resolve("admin.token")));
  }

  @Override
  public KmsAdmin kmsAdmin() {
    return kmsAdmin(kmss.getFirst());
  }

  /** The admin API of one KMS node. */
  public KmsAdmin kmsAdmin(ClusterNode node) {
    return new KmsAdmin(
        AdminHttp.of(node.name(), node.adminUrl(), caFile(), node.dir().resolve("admin.token")));
  }

  /** Stops every node, identity and the embedded PostgreSQL. */
  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or has run: nothing left to remove.
    }
  }

  private synchronized void stopAll() {
    for (ClusterNode node : nodes()) {
      node.kill();
    }
    if (identity != null) {
      identity.close();
      identity = null;
    }
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }
}
