package io.ekms.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A SoftHSM2 token of the build's own: {@code SOFTHSM2_CONF} (set for the test JVM by the module's
 * pom, since SoftHSM2 reads it when the library is loaded) names a file under {@code target/},
 * which this fixture writes with a token directory beside it; the first use in a JVM initialises
 * two tokens there with {@code softhsm2-util}, before any test loads the library.
 */
public final class SoftHsm {
  public static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
  public static final String LABEL = "ekms-test";
  public static final String PIN = "1234-user-pin";

  /**
   * A second token that no test logs in to: PKCS#11 login state belongs to the whole process, so
   * only a token nobody is logged in to shows what a wrong PIN does at start-up.
   */
  public static final String SPARE_LABEL = "ekms-spare";

  private static final String SO_PIN = "5678-so-pin";
  private static Path tokens;

  private SoftHsm() {}

  /** The token directory, after making sure the token exists. */
  public static synchronized Path tokens() {
    if (tokens == null) {
      tokens = initialise();
    }
    return tokens;
  }

  private static Path initialise() {
    String conf = System.getenv("SOFTHSM2_CONF");
    if (conf == null || !Files.isRegularFile(Path.of(LIBRARY))) {
      throw new IllegalStateException(
          "PKCS#11 tests need SoftHSM2 (apt-get install softhsm2; bin/test installs it) and"
              + " SOFTHSM2_CONF, which the pom of ekms-ekm and of ekms-it sets for surefire");
    }
    Path confFile = Path.of(conf);
    Path dir = confFile.toAbsolutePath().getParent().resolve("tokens");
    // Made here, not by the build: a clean checkout has no target/softhsm yet.
    try {
      deleteTree(dir);
      Files.createDirectories(confFile.toAbsolutePath().getParent());
      Files.createDirectories(dir);
      Files.writeString(
          confFile,
          "directories.tokendir = " + dir + "\nobjectstore.backend = file\nlog.level = ERROR\n");
      for (String label : List.of(LABEL, SPARE_LABEL)) {
        run(
            "softhsm2-util",
            "--init-token",
            "--free",
            "--label",
            label,
            "--pin",
            PIN,
            "--so-pin",
            SO_PIN);
      }
      return dir;
    } catch (IOException e) {
      throw new IllegalStateException("cannot prepare the SoftHSM2 token under " + dir, e);
    }
  }

  private static void run(String... command) throws IOException {
    Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException(String.join(" ", command[0], command[1]) + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
