package io.ekms.ekm.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.testing.TempDirs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
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
    EkmInit.run(config, Map.of());
    String adminToken = Files.readString(dataDir.resolve("admin.token")).trim();
    Path ca = dataDir.resolve("tls/ca.pem");

    Child first = Child.start(dataDir);
    HttpJson admin = new HttpJson("https://127.0.0.1:" + first.adminPort, ca);
    JsonNode issuer =
        admin
            .post(
                "/admin/v1/issuers",
                adminToken,
                Map.of("issuer", "https://idp.example", "jwksUri", "https://idp.example/jwks"))
            .body();
    String vault =
        admin
            .post(
                "/admin/v1/vaults",
                adminToken,
                Map.of("name", "crash", "issuerId", issuer.path("id").asText(), "clientId", "c"))
            .body()
            .path("id")
            .asText();

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
                                  var answer =
                                      admin.post(
                                          "/admin/v1/vaults/" + vault + "/keys",
                                          adminToken,
                                          Map.of("name", name));
                                  if (answer.status() == 201) {
                                    acknowledged.add(answer.body().path("id").asText());
                                    enough.countDown();
                                  }
                                } catch (Exception e) {
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
      HttpJson again = new HttpJson("https://127.0.0.1:" + second.adminPort, ca);
      JsonNode keys = again.get("/admin/v1/vaults/" + vault + "/keys", adminToken).body();
      Set<String> stored = ConcurrentHashMap.newKeySet();
      keys.path("items").forEach(k -> stored.add(k.path("id").asText()));
      assertThat(stored).containsAll(acknowledged);
      JsonNode verify = again.get("/admin/v1/audit/verify", adminToken).body();
      assertThat(verify.path("ok").asBoolean()).as(verify.toString()).isTrue();
      assertThat(verify.path("checked").asLong()).isGreaterThanOrEqualTo(acknowledged.size());
    } finally {
      second.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
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
