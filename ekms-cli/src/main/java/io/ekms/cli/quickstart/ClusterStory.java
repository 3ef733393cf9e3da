package io.ekms.cli.quickstart;

import static io.ekms.cli.quickstart.Steps.expect;

import io.ekms.sdk.KmsClient;
import io.ekms.sdk.KmsCrypto;
import io.ekms.sdk.KmsException;
import io.ekms.sdk.model.EncryptedData;
import io.ekms.stack.ClusterLoad;
import io.ekms.stack.ClusterNode;
import io.ekms.stack.ProcessCluster;
import io.ekms.stack.StackTenant;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The story of {@code ekms quickstart --nodes N}: a tenant whose private endpoint lists every EKM
 * node; crypto through one KMS node and back through another; then, with requests going on through
 * every KMS node, the first EKM node killed (SIGKILL) and started again; a key disabled through one
 * EKM node and refused through every KMS node.
 */
final class ClusterStory {
  private static final Map<String, String> AAD = Map.of("app", "quickstart-cluster");
  private static final byte[] MESSAGE = "hello from the cluster".getBytes(StandardCharsets.UTF_8);

  /** The bound: no request may fail later than this after an EKM node is killed. */
  private static final long FAILOVER_BOUND_MILLIS = 2000;

  private final ProcessCluster cluster;
  private final Steps steps;
  private StackTenant tenant;
  private final List<KmsCrypto> crypto = new ArrayList<>();

  ClusterStory(ProcessCluster cluster, PrintWriter out) {
    this.cluster = cluster;
    this.steps = new Steps(out);
  }

  void run() throws Exception {
    tenant =
        StackTenant.provision(
            cluster, "quickstart", QuickstartRun.TENANCY, QuickstartRun.COMPARTMENT, steps);
    for (ClusterNode kms : cluster.kmsNodes()) {
      crypto.add(client(kms).crypto(tenant.vaultId()));
    }
    EncryptedData sealed =
        steps.runFor(
            "Encrypt through kms-1", () -> crypto.getFirst().encrypt(tenant.keyId(), MESSAGE, AAD));
    steps.run(
        "Decrypt it through kms-" + crypto.size(),
        () -> decryptsThrough(crypto.size() - 1, sealed));
    String loadResult;
    try (ClusterLoad load =
        ClusterLoad.start(crypto.size(), 2, this::roundTrip, ClusterStory::noAnswer)) {
      steps.run("Requests go on through every KMS node", () -> served(load, System.nanoTime()));
      ClusterNode ekm1 = cluster.ekmNodes().getFirst();
      long killed = System.nanoTime();
      steps.run(
          "Kill ekm-1 (SIGKILL, as kill -9) under load",
          () -> {
            long pid = ekm1.pid();
            ekm1.kill();
            return "pid " + pid + " gone";
          });
      steps.run("Requests still succeed through every KMS node", () -> served(load, killed));
      loadResult = failuresAfter(load, killed);
      steps.run("No request failed later than 2 s after the kill", () -> loadResult);
      steps.run(
          "Start ekm-1 again",
          () -> {
            ekm1.start();
            return "pid " + ekm1.pid();
          });
      steps.run("Requests go on", () -> served(load, System.nanoTime()));
    }
    ClusterNode ekm2 = cluster.ekmNodes().getLast();
    steps.run(
        "Disable the key through " + ekm2.name() + "'s admin API",
        () -> keyAction(ekm2, "disable"));
    for (int i = 0; i < crypto.size(); i++) {
      int kms = i;
      steps.run("kms-" + (i + 1) + " refuses the very next decrypt", () -> refused(kms, sealed));
    }
    ClusterNode ekm1 = cluster.ekmNodes().getFirst();
    steps.run("Enable it again through ekm-1", () -> keyAction(ekm1, "enable"));
    steps.run("Decrypt works again through kms-1", () -> decryptsThrough(0, sealed));
  }

  private KmsClient client(ClusterNode kms) throws IOException {
    return KmsClient.builder()
        .endpoint(kms.url())
        .apiKey(tenant.apiKey())
        .trust(cluster.caFile())
        .build();
  }

  private void roundTrip(int kms) {
    EncryptedData data = crypto.get(kms).encrypt(tenant.keyId(), MESSAGE, AAD);
    crypto.get(kms).decrypt(tenant.keyId(), data.ciphertext(), AAD).close();
  }

  /** No answer at all: what a load balancer would send to the next KMS node. */
  static boolean noAnswer(Exception e) {
    return e instanceof KmsException k && k.status() == 0;
  }

  private String served(ClusterLoad load, long after) throws InterruptedException {
    for (int kms = 0; kms < crypto.size(); kms++) {
      load.awaitSuccesses(kms, 10, after);
    }
    return "10 round trips through each of " + crypto.size() + " KMS nodes";
  }

  private static String failuresAfter(ClusterLoad load, long killed) {
    List<ClusterLoad.Outcome> after =
        load.outcomes().stream().filter(o -> o.endNanos() > killed).toList();
    List<ClusterLoad.Outcome> failed = after.stream().filter(o -> !o.ok()).toList();
    long lastMillis =
        failed.stream()
            .mapToLong(o -> TimeUnit.NANOSECONDS.toMillis(o.endNanos() - killed))
            .max()
            .orElse(-1);
    expect(
        lastMillis <= FAILOVER_BOUND_MILLIS,
        "a request failed " + lastMillis + " ms after the kill");
    return after.size()
        + " round trips since the kill, "
        + failed.size()
        + " failed"
        + (failed.isEmpty() ? "" : " (the last " + lastMillis + " ms after it)");
  }

  private String decryptsThrough(int kms, EncryptedData sealed) {
    try (var plain = crypto.get(kms).decrypt(tenant.keyId(), sealed.ciphertext(), AAD)) {
      expect(plain.plaintext().reveal(p -> Arrays.equals(p, MESSAGE)), "the plaintext differs");
      return "ok";
    }
  }

  private String keyAction(ClusterNode ekm, String action) {
    return cluster
        .ekmAdmin(ekm)
        .keyAction(tenant.ekmVaultId(), tenant.ekmKeyId(), action)
        .path("state")
        .asText(action + "d");
  }

  private String refused(int kms, EncryptedData sealed) {
    try {
      crypto.get(kms).decrypt(tenant.keyId(), sealed.ciphertext(), AAD).close();
      throw new QuickstartException("kms-" + (kms + 1) + " decrypted with a disabled key");
    } catch (KmsException e) {
      expect(e.status() == 409, "kms-" + (kms + 1) + " answered " + e.status() + " " + e.code());
      return e.status() + " " + e.code();
    }
  }
}
