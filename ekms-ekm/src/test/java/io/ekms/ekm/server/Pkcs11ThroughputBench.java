package io.ekms.ekm.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.ekm.backend.pkcs11.RawGcm;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement, not a test (it asserts nothing and runs only when asked, until ekms-bench holds
 * such tools): the raw SunPKCS11 AES-GCM rate on the SoftHSM2 token beside the EKM's encrypt and
 * decrypt rates over HTTPS with the PKCS#11 backend, on 1 and 4 threads, measured in one run; the
 * EKM's encrypt rate with a software key alongside shows what the HTTPS path costs by itself.
 *
 * <p>{@code mvn -pl ekms-ekm -am verify -Dtest=Pkcs11ThroughputBench -Dekms.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}; figures go to standard output (the surefire report).
 */
@EnabledIfSystemProperty(named = "ekms.bench", matches = "true")
class Pkcs11ThroughputBench {
  private static final long MILLIS = 5_000;
  private static final int PLAINTEXT_BYTES = 32;

  @Test
  void measure() throws Exception {
    try (EkmFixture ekm = new EkmFixture(null, EkmPkcs11EndToEndTest.pkcs11Section(), "pkcs11")) {
      String token = ekm.token();
      String plaintext = Base64.getEncoder().encodeToString(new byte[PLAINTEXT_BYTES]);
      String path = ekm.apiBase() + "/keys/" + ekm.keyId;
      JsonNode sealed =
          ekm.api.post(path + "/encrypt", token, Map.of("plaintext", plaintext)).body();
      Map<String, Object> decryptBody =
          Map.of(
              "ciphertext", sealed.path("ciphertext").asText(),
              "iv", sealed.path("iv").asText(),
              "tag", sealed.path("tag").asText(),
              "mode", "AES_GCM",
              "keyVersionId", sealed.path("keyVersionId").asText());
      String software =
          ekm.apiBase()
              + "/keys/"
              + ekm.admin
                  .post(
                      ekm.vaultPath(),
                      ekm.adminToken,
                      Map.of("name", "sw", "ops", List.of("ENCRYPT"), "backend", "software"))
                  .body()
                  .path("id")
                  .asText();
      rate(ekm, path + "/encrypt", token, Map.of("plaintext", plaintext), 1); // warm-up
      for (int threads : new int[] {1, 4}) {
        double raw = RawGcm.encryptsPerSecond(threads, PLAINTEXT_BYTES, MILLIS);
        double enc = rate(ekm, path + "/encrypt", token, Map.of("plaintext", plaintext), threads);
        double dec = rate(ekm, path + "/decrypt", token, decryptBody, threads);
        double sw =
            rate(ekm, software + "/encrypt", token, Map.of("plaintext", plaintext), threads);
        System.out.printf(
            "BENCH threads=%d raw_pkcs11_gcm=%.0f/s ekm_https_encrypt=%.0f/s (%.1f%%)"
                + " ekm_https_decrypt=%.0f/s (%.1f%%) ekm_https_encrypt_software_backend=%.0f/s%n",
            threads, raw, enc, 100 * enc / raw, dec, 100 * dec / raw, sw);
      }
    }
  }

  private static double rate(
      EkmFixture ekm, String path, String token, Map<String, Object> body, int threads)
      throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    List<Future<Long>> counts = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      for (int t = 0; t < threads; t++) {
        counts.add(
            pool.submit(
                () -> {
                  long n = 0;
                  while (!stop.get()) {
                    if (ekm.api.post(path, token, body).status() != 200) {
                      throw new IllegalStateException("request failed");
                    }
                    n++;
                  }
                  return n;
                }));
      }
      Thread.sleep(MILLIS);
      stop.set(true);
      long total = 0;
      for (Future<Long> count : counts) {
        total += count.get();
      }
      return total * 1000.0 / MILLIS;
    }
  }
}
