package io.ekms.bench;

import io.ekms.core.json.Json;
import io.ekms.core.tls.Pem;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code ekms bench}: starts what it measures on loopback, warms up, then runs each scenario for a
 * fixed time at several concurrencies (closed loop) and once at a fixed arrival rate (open loop).
 * Prints a table and writes the results as JSON. Today's scenarios: the ceiling (one and two HTTPS
 * hops on the same stack) and the EKM API's encrypt and decrypt.
 */
public final class Bench {
  /** How long and how wide to measure. */
  public record Plan(
      List<Integer> concurrencies, Duration warmup, Duration measure, double openLoopRate) {
    public static Plan quick() {
      return new Plan(List.of(1, 16), Duration.ofSeconds(2), Duration.ofSeconds(4), 500);
    }

    public static Plan full() {
      return new Plan(List.of(1, 16, 64), Duration.ofSeconds(5), Duration.ofSeconds(20), 1000);
    }
  }

  private Bench() {}

  public static List<Result> run(Plan plan, Path workDir, PrintStream out) throws Exception {
    List<Result> results = new ArrayList<>();
    try (CeilingServers ceiling = new CeilingServers();
        EkmBed ekm = new EkmBed(workDir)) {
      var trust = Pem.certificates(ekm.ekmCa());
      String plaintext = Base64.getEncoder().encodeToString(new byte[32]);
      HttpsPost encrypt =
          new HttpsPost(
              trust,
              ekm.keyUrl("encrypt"),
              ekm.token,
              Json.writeString(Map.of("plaintext", plaintext)),
              200);
      var sealed = Json.mapper().readTree(encrypt.body());
      HttpsPost decrypt =
          new HttpsPost(
              trust,
              ekm.keyUrl("decrypt"),
              ekm.token,
              Json.writeString(
                  Map.of(
                      "ciphertext",
                      sealed.path("ciphertext").asText(),
                      "iv",
                      sealed.path("iv").asText(),
                      "tag",
                      sealed.path("tag").asText(),
                      "keyVersionId",
                      sealed.path("keyVersionId").asText(),
                      "mode",
                      "AES_GCM")),
              200);
      Map<String, Operation> scenarios = new java.util.LinkedHashMap<>();
      scenarios.put("ceiling-1-hop", ceiling.oneHop());
      scenarios.put("ceiling-2-hops", ceiling.twoHops());
      scenarios.put("ekm-encrypt", encrypt);
      scenarios.put("ekm-decrypt", decrypt);
      // Warm every scenario first, so the one measured first does not pay the JIT for the rest.
      for (Operation op : scenarios.values()) {
        LoadGenerator.warm(op, 16, plan.warmup());
      }
      Report.header(out);
      for (var s : scenarios.entrySet()) {
        for (int c : plan.concurrencies()) {
          results.add(
              Report.row(
                  out,
                  LoadGenerator.closedLoop(
                      s.getKey(), s.getValue(), c, plan.warmup(), plan.measure())));
        }
        results.add(
            Report.row(
                out,
                LoadGenerator.openLoop(
                    s.getKey(), s.getValue(), plan.openLoopRate(), plan.warmup(), plan.measure())));
      }
    }
    return results;
  }

  /** Writes the results as JSON under {@code dir}, named by time; returns the file. */
  public static Path write(List<Result> results, Path dir) throws Exception {
    Files.createDirectories(dir);
    Path file = dir.resolve("bench-" + Instant.now().toString().replace(':', '-') + ".json");
    Files.writeString(
        file, Json.writeString(Map.of("machine", Machine.describe(), "results", results)));
    return file;
  }
}
