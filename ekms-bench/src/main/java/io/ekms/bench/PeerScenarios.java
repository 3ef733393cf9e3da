package io.ekms.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import io.ekms.core.tls.LocalCa;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The peer's scenarios: Hadoop KMS {@code generate} ({@code GET /kms/v1/key/{name}/_eek?
 * eek_op=generate}, which Hadoop serves as a GET) and {@code decrypt} ({@code POST
 * /kms/v1/keyversion/{version}/_eek?eek_op=decrypt}) of an encrypted key, over HTTPS with simple
 * authentication ({@code user.name}). {@link #start} answers why it could not when the peer does
 * not run; the bench then goes on without it.
 */
final class PeerScenarios implements AutoCloseable {
  static final String GENERATE = "peer-generate";
  static final String DECRYPT = "peer-decrypt";
  static final String PEER_POM = "ekms-bench/peer/pom.xml";
  private static final String USER = "user.name=bench";

  final Map<String, Operation> operations = new LinkedHashMap<>();
  private final HadoopKmsProcess process;

  private PeerScenarios(HadoopKmsProcess process) {
    this.process = process;
  }

  /** Started peer and its operations, or the reason it could not start. */
  record Started(PeerScenarios peer, String whyNot) {}

  static Started start(Path workDir) {
    Path pom = findPom();
    if (pom == null) {
      return new Started(null, PEER_POM + " not found from " + Path.of("").toAbsolutePath());
    }
    HadoopKmsProcess process = null;
    try {
      LocalCa ca = LocalCa.create("bench peer CA");
      process = new HadoopKmsProcess(pom, Files.createDirectories(workDir.resolve("peer")), ca);
      PeerScenarios peer = new PeerScenarios(process);
      peer.prepare(ca);
      return new Started(peer, null);
    } catch (Exception e) {
      String log = process == null ? "" : " (its log: " + process.log + ")";
      if (process != null) {
        process.close();
      }
      return new Started(null, "Hadoop KMS did not start: " + e.getMessage() + log);
    }
  }

  private void prepare(LocalCa ca) throws Exception {
    var trust = List.of(ca.certificate());
    String base = process.baseUrl();
    awaitReady(trust, base);
    String created =
        new HttpsPost(
                trust,
                base + "/keys?" + USER,
                null,
                Json.writeString(
                    Map.of("name", "bench", "cipher", "AES/CTR/NoPadding", "length", 128)),
                201)
            .body();
    String version = Json.mapper().readTree(created).path("versionName").asText();
    HttpRequest generate =
        HttpRequest.newBuilder(
                URI.create(base + "/key/bench/_eek?eek_op=generate&num_keys=1&" + USER))
            .GET()
            .build();
    HttpsPost generator = new HttpsPost(trust, generate, 200);
    JsonNode eek = Json.mapper().readTree(generator.body()).path(0);
    String decryptBody =
        Json.writeString(
            Map.of(
                "name", "bench",
                "iv", eek.path("iv").asText(),
                "material", eek.path("encryptedKeyVersion").path("material").asText()));
    operations.put(GENERATE, generator);
    operations.put(
        DECRYPT,
        new HttpsPost(
            trust,
            base
                + "/keyversion/"
                + URLEncoder.encode(version, StandardCharsets.UTF_8)
                + "/_eek?eek_op=decrypt&"
                + USER,
            null,
            decryptBody,
            200));
  }

  private void awaitReady(List<java.security.cert.X509Certificate> trust, String base)
      throws Exception {
    HttpsPost names =
        new HttpsPost(
            trust,
            HttpRequest.newBuilder(URI.create(base + "/keys/names?" + USER))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build(),
            200);
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (true) {
      try {
        names.run();
        return;
      } catch (Exception e) {
        if (!process.alive() || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              process.alive() ? "not ready after 90 s" : "the process exited");
        }
        Thread.sleep(250);
      }
    }
  }

  private static Path findPom() {
    String given = System.getProperty("ekms.bench.peerPom");
    if (given != null) {
      return Files.isRegularFile(Path.of(given)) ? Path.of(given).toAbsolutePath() : null;
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(PEER_POM))) {
        return dir.resolve(PEER_POM);
      }
    }
    return null;
  }

  @Override
  public void close() {
    process.close();
  }
}
