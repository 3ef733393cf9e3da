package io.ekms.ekm.server;

import io.ekms.core.json.Json;
import io.ekms.core.tls.Pem;
import io.ekms.core.tls.TrustBundle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A closed-loop load run, not a timed test: {@code clients} clients send signed XKS Encrypt
 * requests (32-byte plaintext, 32-byte AAD) to one key store of a real EKM with the software
 * backend, for {@code seconds} after a warm-up, and the rate and latency percentiles are printed.
 * Run with {@code -Dtest=XksEncryptLoad -Dxks.load=true [-Dxks.clients=16 -Dxks.seconds=20]};
 * {@code -Dxks.api=oci} sends the same encrypts through the OCI EKM API instead, as the baseline.
 */
@EnabledIfSystemProperty(named = "xks.load", matches = "true")
class XksEncryptLoad {
  @Test
  void encrypt_closedLoop_printsRateAndPercentiles() throws Exception {
    int clients = Integer.getInteger("xks.clients", 16);
    int seconds = Integer.getInteger("xks.seconds", 20);
    try (XksFixture f = new XksFixture()) {
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .sslContext(
                  TrustBundle.sslContext(
                      Pem.certificates(Files.readString(f.ekm.dataDir.resolve("tls/ca.pem")))))
              .build();
      boolean oci = "oci".equals(System.getProperty("xks.api"));
      String origin = "https://127.0.0.1:" + f.ekm.server.apiPort();
      String url =
          oci
              ? origin + f.ekm.apiBase() + "/keys/" + f.ekm.keyId + "/encrypt"
              : origin + XksFixture.BASE + "/keys/full/encrypt";
      String bearer = oci ? f.ekm.token() : null;
      byte[] ociBody =
          Json.writeString(
                  Map.of(
                      "plaintext", XksFixture.b64(new byte[32]),
                      "aad", XksFixture.b64(new byte[32])))
              .getBytes(StandardCharsets.UTF_8);
      byte[] xksBody =
          Json.writeString(
                  Map.of(
                      "requestMetadata", XksFixture.metadata(),
                      "plaintext", XksFixture.b64(new byte[32]),
                      "encryptionAlgorithm", "AES_GCM",
                      "additionalAuthenticatedData", XksFixture.b64(new byte[32])))
              .getBytes(StandardCharsets.UTF_8);
      byte[] body = oci ? ociBody : xksBody;
      run(http, url, body, bearer, clients, 3);
      long[] latencies = run(http, url, body, bearer, clients, seconds);
      Arrays.sort(latencies);
      System.out.printf(
          "%s encrypt: %d clients, %d s: %.0f requests/s, p50 %.2f ms, p99 %.2f ms,"
              + " max %.2f ms%n",
          oci ? "OCI EKM API" : "XKS",
          clients,
          seconds,
          latencies.length / (double) seconds,
          latencies[latencies.length / 2] / 1e6,
          latencies[(int) (latencies.length * 0.99)] / 1e6,
          latencies[latencies.length - 1] / 1e6);
    }
  }

  private static long[] run(
      HttpClient http, String url, byte[] body, String bearer, int clients, int seconds)
      throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Future<long[]>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      for (int c = 0; c < clients; c++) {
        futures.add(pool.submit(() -> client(http, url, body, bearer, end)));
      }
      List<long[]> all = new ArrayList<>();
      for (Future<long[]> fu : futures) {
        all.add(fu.get());
      }
      return all.stream().flatMapToLong(Arrays::stream).toArray();
    }
  }

  private static long[] client(HttpClient http, String url, byte[] body, String bearer, long end)
      throws Exception {
    long[] out = new long[1 << 20];
    int n = 0;
    while (System.nanoTime() < end) {
      long start = System.nanoTime();
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(url))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      if (bearer == null) {
        TestSigV4.sign(b, url, body, Instant.now());
      } else {
        b.header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json");
      }
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("encrypt answered " + r.statusCode() + ": " + r.body());
      }
      out[n++] = System.nanoTime() - start;
    }
    return Arrays.copyOf(out, n);
  }
}
