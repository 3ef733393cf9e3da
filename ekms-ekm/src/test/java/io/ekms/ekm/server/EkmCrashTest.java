package io.ekms.ekm.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.admin.client.AdminHttp;
import io.ekms.admin.client.EkmAdmin;
import io.ekms.core.admin.FirstAdministrator;
import io.ekms.testing.TempDirs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Invariant 7 (docs/architecture.md): kill -9 during a stream of admin writes loses nothing that
 * was acknowledged, and the audit chain still verifies after the restart.
 */
class EkmCrashTest {
  @Test
  void killDashNine_duringAdminWrites_losesNoAcknowledgedChange() throws Exception {
    Path dataDir = TempDirs.create("ekm-crash-");
    EkmConfig config = EkmConfig.defaults(dataDir);
    EkmInit.run(config, Map.of(), FirstAdministrator.allRoles("admin"));
    Child first = Child.start(dataDir);
    EkmAdmin admin = admin(dataDir, first);
    String issuer = admin.addIssuer("https://idp.example", "https://idp.example/jwks", null);
    String vault = admin.createVault("crash", issuer, "c");

    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger counter = new AtomicInteger();
    CountDownLatch enough = new CountDownLatch(40);
    List<Thread> writers =
        List.of(1, 2, 3, 4).stream()
            .map(
                n ->
                    Thread.ofVirtual()
                        .start(
                            () -> {
                              while (true) {
                                String name = "k-" + counter.incrementAndGet();
                                try {
                                  acknowledged.add(admin.createKey(vault, name));
                                  enough.countDown();
                                } catch (RuntimeException e) {
                                  return; // the server died: stop writing
                                }
                              }
                            }))
            .toList();
    assertThat(enough.await(60, TimeUnit.SECONDS)).isTrue();
    first.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    for (Thread t : writers) {
      t.join(Duration.ofSeconds(30));
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(40);

    Child second = Child.start(dataDir);
    try {
      EkmAdmin again = admin(dataDir, second);
      JsonNode keys = again.keys(vault);
      Set<String> stored = ConcurrentHashMap.newKeySet();
      keys.path("items").forEach(k -> stored.add(k.path("id").asText()));
      assertThat(stored).containsAll(acknowledged);
      JsonNode verify = again.verifyAudit();
      assertThat(verify.path("ok").asBoolean()).as(verify.toString()).isTrue();
      assertThat(verify.path("checked").asLong()).isGreaterThanOrEqualTo(acknowledged.size());
    } finally {
      second.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static EkmAdmin admin(Path dataDir, Child ekm) {
    return new EkmAdmin(
        AdminHttp.of(
            "EKM",
            "https://127.0.0.1:" + ekm.adminPort,
            dataDir.resolve("tls/ca.pem"),
            dataDir.resolve("admin.token")));
  }

  /** An EKM in its own JVM, killed with SIGKILL by {@code destroyForcibly}. */
  private record Child(Process process, int apiPort, int adminPort) {
    static Child start(Path dataDir) throws Exception {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process p =
          new ProcessBuilder(
                  java,
                  "-Xmx256m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  ChildEkmMain.class.getName(),
                  dataDir.toString(),
                  "crash-test")
              .redirectError(dataDir.resolve("child-" + System.nanoTime() + ".log").toFile())
              .start();
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
      String line = out.readLine();
      if (line == null || !line.startsWith("PORTS ")) {
        p.destroyForcibly();
        throw new IllegalStateException("child EKM did not start; see " + dataDir);
      }
      String[] parts = line.split(" ");
      return new Child(p, Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }
  }
}
