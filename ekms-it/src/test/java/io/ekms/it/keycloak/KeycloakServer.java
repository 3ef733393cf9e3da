package io.ekms.it.keycloak;

import io.ekms.common.tls.TrustBundle;
import io.ekms.core.crypto.Randoms;
import io.ekms.core.tls.LocalCa;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Keycloak server in dev mode ({@code bin/kc.sh start-dev}, in-memory H2) from the distribution
 * that ekms-it's build unpacks from Maven Central into {@code target/keycloak} (the {@code
 * keycloak.home} system property), on this JVM's JDK, listening on loopback only: HTTPS with a
 * certificate from {@code ca} and, because dev mode always has one, HTTP on another free port. The
 * first administrator comes from {@code KC_BOOTSTRAP_ADMIN_*} with a random password. Its output
 * goes to a log file beside the distribution, quoted when it fails to start.
 */
public final class KeycloakServer implements AutoCloseable {
  /** Longest wait for start-up: the first start also builds (Quarkus augmentation, ~20 s). */
  public static final Duration START_DEADLINE = Duration.ofMinutes(3);

  private static final Duration POLL = Duration.ofMillis(250);
  private final Process process;
  private final int httpsPort;
  private final Path log;
  private final String adminPassword = Randoms.hex(16);
  private final HttpClient http;
  private final Thread reaper;

  private KeycloakServer(Path home, LocalCa ca, Path dir) throws IOException {
    Path work = dir.toAbsolutePath(); // Keycloak runs in its home: relative paths would miss
    Files.createDirectories(work);
    Path cert = work.resolve("keycloak.pem");
    Path key = work.resolve("keycloak-key.pem");
    ca.issueServer("keycloak", List.of("localhost"), List.of("127.0.0.1")).writeTo(cert, key);
    this.httpsPort = freePort();
    this.log = work.resolve("keycloak.log");
    this.http =
        HttpClient.newBuilder()
            .sslContext(TrustBundle.sslContext(List.of(ca.certificate())))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    ProcessBuilder builder =
        new ProcessBuilder(
                "/bin/sh",
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--db=dev-mem",
                "--http-host=127.0.0.1",
                "--http-port=" + freePort(),
                "--https-port=" + httpsPort,
                "--hostname=" + url(),
                "--https-certificate-file=" + cert,
                "--https-certificate-key-file=" + key)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    var env = builder.environment();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
    env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
    // A bounded heap and C1 only: start-up matters here, not throughput. java.lang opened for
    // jboss-threads' thread-local reset, which JDK 24+ otherwise refuses.
    env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
    env.put(
        "JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1 --add-opens=java.base/java.lang=ALL-UNNAMED");
    this.process = builder.start();
    // Should the test JVM end without close() (a killed fork), Keycloak must not outlive it.
    this.reaper = new Thread(() -> process.descendants().forEach(ProcessHandle::destroyForcibly));
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /**
   * Starts Keycloak from {@code keycloak.home} with a certificate from {@code ca}; does not wait
   * for it ({@link #awaitReady()}), so callers can start other servers meanwhile.
   */
  public static KeycloakServer start(LocalCa ca, Path work) throws IOException {
    String home = System.getProperty("keycloak.home");
    if (home == null || !Files.isRegularFile(Path.of(home, "bin/kc.sh"))) {
      throw new IllegalStateException(
          "no Keycloak distribution at keycloak.home="
              + home
              + "; ekms-it's build unpacks it (mvn -pl ekms-it test-compile)");
    }
    return new KeycloakServer(Path.of(home), ca, work);
  }

  /** The server's base URL, {@code https://127.0.0.1:<port>}. */
  public String url() {
    return "https://127.0.0.1:" + httpsPort;
  }

  public String adminPassword() {
    return adminPassword;
  }

  /** An HTTP client that trusts the server's CA. */
  public HttpClient http() {
    return http;
  }

  /**
   * Waits until the master realm's discovery document answers 200, polling every 250 ms.
   *
   * @return how long start-up took from {@code startedAt}
   * @throws IllegalStateException when Keycloak exits or is not ready by {@link #START_DEADLINE}
   */
  public Duration awaitReady(Instant startedAt) throws IOException, InterruptedException {
    Instant deadline = startedAt.plus(START_DEADLINE);
    HttpRequest probe =
        HttpRequest.newBuilder(
                URI.create(url() + "/realms/master/.well-known/openid-configuration"))
            .timeout(Duration.ofSeconds(5))
            .build();
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Keycloak exited with " + process.exitValue() + " while starting:\n" + logTail());
      }
      try {
        if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return Duration.between(startedAt, Instant.now());
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS);
    }
    throw new IllegalStateException(
        "Keycloak was not ready within " + START_DEADLINE + ":\n" + logTail());
  }

  /** The last lines of Keycloak's output. */
  public String logTail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Stops Keycloak (kc.sh forwards SIGTERM to its JVM), forcibly after 20 s. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
    List<ProcessHandle> all = process.descendants().toList();
    process.destroy();
    all.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        all.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
      for (ProcessHandle p : all) {
        p.onExit().get(10, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      all.forEach(ProcessHandle::destroyForcibly);
    }
  }
}
