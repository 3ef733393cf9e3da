package io.ekms.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.cli.Main;
import io.ekms.it.console.ConsoleCalls;
import io.ekms.sdk.KmsClient;
import io.ekms.sdk.KmsCrypto;
import io.ekms.sdk.KmsException;
import io.ekms.sdk.model.EncryptedData;
import io.ekms.stack.ClusterLoad;
import io.ekms.stack.ClusterNode;
import io.ekms.stack.ClusterPorts;
import io.ekms.stack.ProcessCluster;
import io.ekms.stack.StackTenant;
import io.ekms.testing.RawHttps;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's cluster scenario: two EKM and two KMS nodes, each a JVM of its own, on one embedded
 * PostgreSQL, under load through both KMS nodes. The load is spread round-robin across the KMS
 * nodes and a request that got no answer at all (connection refused or closed before any byte of an
 * answer) is sent once more to the other KMS node, as a load balancer in front of the KMS does; a
 * request that got an HTTP answer is never sent again. The measured figures are printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {
  private static final Map<String, String> AAD = Map.of("test", "cluster");
  private static final byte[] MESSAGE = "cluster".getBytes(StandardCharsets.UTF_8);
  private static final long FAILOVER_BOUND_NANOS = TimeUnit.SECONDS.toNanos(2);

  private ProcessCluster cluster;
  private StackTenant tenant;
  private final List<KmsCrypto> crypto = new ArrayList<>();

  @TempDir static Path dir;

  @BeforeAll
  void start() throws Exception {
    long started = System.nanoTime();
    cluster =
        ProcessCluster.start(
            new ProcessCluster.Options(dir, ClusterPorts.free(2), null, Main.class.getName()));
    tenant =
        StackTenant.provision(
            cluster, "cluster", "ocid1.tenancy.oc1..c", "ocid1.compartment.oc1..c");
    for (ClusterNode kms : cluster.kmsNodes()) {
      crypto.add(
          KmsClient.builder()
              .endpoint(kms.url())
              .apiKey(tenant.apiKey())
              .trust(cluster.caFile())
              .build()
              .crypto(tenant.vaultId()));
    }
    System.out.printf(
        "cluster: PostgreSQL, identity, 2 EKM and 2 KMS JVMs and a tenant ready in %d ms%n",
        millis(System.nanoTime() - started));
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(0)
  void start_everyNode_adminTokenOwnerOnly() throws Exception {
    List<ClusterNode> nodes = new ArrayList<>(cluster.ekmNodes());
    nodes.addAll(cluster.kmsNodes());
    for (ClusterNode node : nodes) {
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(node.dir().resolve("admin.token"))))
          .as(node.name())
          .isEqualTo("rw-------");
    }
  }

  @Test
  @Order(1)
  void killEkmNode_underLoad_noFailureAfterTwoSecondsNoAuditLostChainsVerify() throws Exception {
    ClusterNode ekm1 = cluster.ekmNodes().getFirst();
    long killed;
    List<ClusterLoad.Outcome> outcomes;
    try (ClusterLoad load = load(this::roundTrip)) {
      awaitServed(load, System.nanoTime());
      List<Integer> marks = cluster.kmsOutputMarks();
      killed = System.nanoTime();
      ekm1.kill();
      awaitServed(load, killed);
      ekm1.start();
      cluster.awaitBackInRotation(ekm1, marks);
      awaitServed(load, System.nanoTime());
      load.stop();
      outcomes = load.outcomes();
    }
    List<ClusterLoad.Outcome> failed = outcomes.stream().filter(o -> !o.ok()).toList();
    long lastFailureAfterKill =
        failed.stream().mapToLong(o -> o.endNanos() - killed).max().orElse(Long.MIN_VALUE);
    System.out.printf(
        "cluster (a) kill -9 of ekm-1: %d round trips, %d failed, last failure %s after the kill,"
            + " slowest round trip across the kill %d ms%n",
        outcomes.size(),
        failed.size(),
        failed.isEmpty() ? "none" : millis(lastFailureAfterKill) + " ms",
        outcomes.stream()
            .filter(o -> o.startNanos() <= killed && o.endNanos() >= killed)
            .mapToLong(o -> millis(o.endNanos() - o.startNanos()))
            .max()
            .orElse(0));
    assertThat(lastFailureAfterKill).isLessThanOrEqualTo(FAILOVER_BOUND_NANOS);

    long acknowledged = 2L * outcomes.stream().filter(ClusterLoad.Outcome::ok).count();
    AuditRecords audit = new AuditRecords(cluster.database());
    List<String> kmsAnswered = audit.kmsSucceededCrypto();
    List<String> ekmMissing = audit.withoutEkmRecord(kmsAnswered);
    System.out.printf(
        "cluster (a) audit: %d crypto calls acknowledged to clients, %d KMS success records,"
            + " %d of them without their EKM record%n",
        acknowledged, kmsAnswered.size(), ekmMissing.size());
    assertThat(kmsAnswered.size()).isGreaterThanOrEqualTo((int) acknowledged);
    assertThat(ekmMissing).isEmpty();

    JsonNode ekmChains = cluster.ekmAdmin(ekm1).http().call("GET", "/admin/v1/audit/verify", null);
    JsonNode kmsChains = cluster.kmsAdmin().http().call("GET", "/admin/v1/audit/verify", null);
    System.out.printf(
        "cluster (a) audit verify after the restart: EKM %s, KMS %s%n", ekmChains, kmsChains);
    assertThat(ekmChains.path("ok").asBoolean()).isTrue();
    assertThat(ekmChains.path("chains").size()).isGreaterThanOrEqualTo(2);
    assertThat(kmsChains.path("ok").asBoolean()).isTrue();
    assertThat(kmsChains.path("chains").size()).isGreaterThanOrEqualTo(2);
  }

  @Test
  @Order(2)
  void rollingRestart_everyNodeOneAtATime_noRequestFails() throws Exception {
    List<ClusterNode> nodes = new ArrayList<>(cluster.ekmNodes());
    nodes.addAll(cluster.kmsNodes());
    List<ClusterLoad.Outcome> outcomes;
    try (ClusterLoad load = load(this::roundTrip)) {
      awaitServed(load, System.nanoTime());
      for (ClusterNode node : nodes) {
        cluster.restart(node);
        awaitServed(load, System.nanoTime());
      }
      load.stop();
      outcomes = load.outcomes();
    }
    List<ClusterLoad.Outcome> failed = outcomes.stream().filter(o -> !o.ok()).toList();
    System.out.printf(
        "cluster (b) rolling restart of %s in %d ms: %d round trips, %d failed%s%n",
        nodes.stream().map(ClusterNode::name).toList(),
        millis(outcomes.getLast().endNanos() - outcomes.getFirst().startNanos()),
        outcomes.size(),
        failed.size(),
        failed.isEmpty() ? "" : " (first: " + failed.getFirst().failure() + ")");
    assertThat(failed).isEmpty();
  }

  @Test
  @Order(3)
  void disableThroughOneEkmNode_underLoad_noOperationSucceedsAfterTheAcknowledgement()
      throws Exception {
    ClusterNode ekm2 = cluster.ekmNodes().getLast();
    long acknowledged;
    List<ClusterLoad.Outcome> outcomes;
    try (ClusterLoad load = load(this::encrypt)) {
      awaitServed(load, System.nanoTime());
      cluster.ekmAdmin(ekm2).keyAction(tenant.ekmVaultId(), tenant.ekmKeyId(), "disable");
      acknowledged = System.nanoTime();
      for (int kms = 0; kms < crypto.size(); kms++) {
        load.awaitFailures(kms, 3, acknowledged);
      }
      load.stop();
      outcomes = load.outcomes();
    } finally {
      cluster.ekmAdmin().keyAction(tenant.ekmVaultId(), tenant.ekmKeyId(), "enable");
    }
    long succeededAfter =
        outcomes.stream().filter(o -> o.ok() && o.startNanos() > acknowledged).count();
    List<String> firstRefusal = new ArrayList<>();
    for (int kms = 0; kms < crypto.size(); kms++) {
      int node = kms;
      ClusterLoad.Outcome first =
          outcomes.stream()
              .filter(o -> o.kms() == node && !o.ok() && o.endNanos() > acknowledged)
              .findFirst()
              .orElseThrow();
      assertThat(first.failure()).isInstanceOf(KmsException.class);
      assertThat(((KmsException) first.failure()).status()).isEqualTo(409);
      firstRefusal.add("kms-" + (kms + 1) + " " + micros(first.endNanos() - acknowledged) + " µs");
    }
    System.out.printf(
        "cluster (c) disable through ekm-2: %d operations succeeded after the acknowledgement;"
            + " first refusal after it: %s%n",
        succeededAfter, String.join(", ", firstRefusal));
    assertThat(succeededAfter).isZero();
  }

  private ClusterLoad load(ClusterLoad.Call call) {
    return ClusterLoad.start(
        crypto.size(), 2, call, e -> e instanceof KmsException k && k.status() == 0);
  }

  @Test
  @Order(4)
  void consoleSession_openedOnOneEkmNode_servesOnTheOtherFindsItsAuditAndSignOutEndsItOnBoth()
      throws Exception {
    ClusterNode first = cluster.ekmNodes().get(0);
    ClusterNode second = cluster.ekmNodes().get(1);
    RawHttps one = RawHttps.at(first.adminUrl(), cluster.caFile());
    RawHttps two = RawHttps.at(second.adminUrl(), cluster.caFile());
    String token = Files.readString(first.dir().resolve("admin.token")).strip();
    RawHttps.Answer login =
        one.send(
            "POST",
            "/console/login",
            Map.of("Content-Type", "application/x-www-form-urlencoded"),
            "token=" + token);
    assertThat(login.status()).isEqualTo(303);
    String cookie =
        login.header("Set-Cookie").substring(0, login.header("Set-Cookie").indexOf(';'));

    RawHttps.Answer onSecond = two.send("GET", "/console/vaults", Map.of("Cookie", cookie), null);
    assertThat(onSecond.status()).isEqualTo(200);
    String csrf = ConsoleCalls.csrf(onSecond.text());
    RawHttps.Answer block =
        one.send(
            "POST",
            "/console/do/block-vault",
            Map.of("Content-Type", "application/x-www-form-urlencoded", "Cookie", cookie),
            "csrf=" + csrf + "&vault=" + tenant.ekmVaultId() + "&back=/console/vaults");
    assertThat(block.status()).as(block.text()).isEqualTo(303);
    String requestId = block.header("Location").replaceAll(".*rid=", "");
    RawHttps.Answer found =
        two.send("GET", "/console/audit?requestId=" + requestId, Map.of("Cookie", cookie), null);
    assertThat(found.text()).as("node 1's record, found on node 2").contains("BlockVault");
    RawHttps.Answer unblock =
        two.send(
            "POST",
            "/console/do/unblock-vault",
            Map.of("Content-Type", "application/x-www-form-urlencoded", "Cookie", cookie),
            "csrf=" + csrf + "&vault=" + tenant.ekmVaultId());
    assertThat(unblock.status()).isEqualTo(303);
    RawHttps.Answer out =
        two.send(
            "POST",
            "/console/logout",
            Map.of("Content-Type", "application/x-www-form-urlencoded", "Cookie", cookie),
            "csrf=" + csrf);
    assertThat(out.status()).isEqualTo(303);

    RawHttps.Answer afterOnFirst =
        one.send("GET", "/console/vaults", Map.of("Cookie", cookie), null);
    assertThat(afterOnFirst.status()).isEqualTo(303);
    assertThat(afterOnFirst.header("Location")).isEqualTo("/console/login");
  }

  private void awaitServed(ClusterLoad load, long after) throws InterruptedException {
    for (int kms = 0; kms < crypto.size(); kms++) {
      load.awaitSuccesses(kms, 5, after);
    }
  }

  private void roundTrip(int kms) {
    EncryptedData data = crypto.get(kms).encrypt(tenant.keyId(), MESSAGE, AAD);
    crypto.get(kms).decrypt(tenant.keyId(), data.ciphertext(), AAD).close();
  }

  private void encrypt(int kms) {
    crypto.get(kms).encrypt(tenant.keyId(), MESSAGE, AAD);
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  private static long micros(long nanos) {
    return TimeUnit.NANOSECONDS.toMicros(nanos);
  }
}
