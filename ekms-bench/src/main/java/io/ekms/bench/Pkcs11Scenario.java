package io.ekms.bench;

import io.ekms.common.json.Json;
import io.ekms.common.secret.SecretFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The EKM with its PKCS#11 backend on SoftHSM2 beside the raw SunPKCS11 AES-GCM rate: makes a token
 * of its own under a temporary {@code SOFTHSM2_CONF} with {@code softhsm2-util}, then runs {@link
 * Pkcs11Child} in a separate JVM with that environment. Target: the EKM over HTTPS delivers at
 * least 70% of the raw rate. Skipped, with the reason, when SoftHSM2 is not installed.
 */
final class Pkcs11Scenario {
  static final double TARGET = 0.70;
  static final List<String> LIBRARIES =
      List.of(
          "/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so");
  private static final String LABEL = "ekms-bench";
  private static final Pattern SLOT = Pattern.compile("reassigned to slot (\\d+)");

  private Pkcs11Scenario() {}

  static Pkcs11Child.Output measure(Path workDir, long millis) throws Exception {
    String library =
        LIBRARIES.stream().filter(l -> Files.isRegularFile(Path.of(l))).findFirst().orElse(null);
    if (library == null) {
      return skipped("libsofthsm2 is not installed (apt-get install softhsm2)");
    }
    Path dir = Files.createDirectories(workDir.resolve("pkcs11"));
    Path tokens = Files.createDirectories(dir.resolve("tokens"));
    Path conf = dir.resolve("softhsm2.conf");
    Files.writeString(
        conf,
        "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
    Path pin = dir.resolve("pin");
    SecretFiles.write(pin, "bench-user-pin\n");
    String init;
    try {
      init =
          run(
              conf,
              List.of(
                  "softhsm2-util",
                  "--init-token",
                  "--free",
                  "--label",
                  LABEL,
                  "--pin",
                  "bench-user-pin",
                  "--so-pin",
                  "bench-so-pin"),
              60);
    } catch (IOException e) {
      return skipped("softhsm2-util could not make a token: " + e.getMessage());
    }
    Matcher slot = SLOT.matcher(init);
    if (!slot.find()) {
      return skipped("softhsm2-util did not name the new token's slot: " + init.strip());
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx512m",
            // The EKM's PKCS#11 backend calls the provider's wrapper for slot look-up by label.
            "--add-exports=jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path")));
    command.add(Pkcs11Child.class.getName());
    command.addAll(
        List.of(
            dir.toString(), library, LABEL, slot.group(1), pin.toString(), Long.toString(millis)));
    String output;
    try {
      output = run(conf, command, 600);
    } catch (IOException e) {
      output = e.getMessage();
    }
    for (String line : output.split("\n")) {
      if (line.startsWith(Pkcs11Child.MARK)) {
        return Json.mapper()
            .readValue(line.substring(Pkcs11Child.MARK.length()), Pkcs11Child.Output.class);
      }
      if (line.startsWith(Pkcs11Child.FAILED)) {
        return skipped("the PKCS#11 run failed: " + line.substring(Pkcs11Child.FAILED.length()));
      }
    }
    return skipped("the PKCS#11 run printed no result");
  }

  private static Pkcs11Child.Output skipped(String why) {
    return new Pkcs11Child.Output(
        List.of(), List.of(Comparison.skipped("pkcs11-ekm vs raw SunPKCS11", TARGET, why)));
  }

  private static String run(Path conf, List<String> command, int seconds) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("SOFTHSM2_CONF", conf.toString());
    Process process = builder.start();
    Thread stop = new Thread(process::destroy);
    Runtime.getRuntime().addShutdownHook(stop);
    try {
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(seconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IOException(command.get(0) + " failed: " + out.strip());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stop);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running: it stops the child.
      }
    }
  }
}
