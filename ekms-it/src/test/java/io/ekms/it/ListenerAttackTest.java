package io.ekms.it;

import static io.ekms.it.Attack.of;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The public listeners of all three servers, as an outsider sees them: no metrics, a health answer
 * that says up or down and nothing more, and the listeners' own limits (request line, headers)
 * answered in JSON with stable codes.
 */
class ListenerAttackTest {
  private static AttackWorld w;

  @BeforeAll
  static void world() throws Exception {
    w = AttackWorld.shared();
  }

  private static Answer get(String base, String path, Map<String, String> headers) {
    return w.raw(base, "GET", path, headers, null);
  }

  @TestFactory
  Stream<DynamicTest> publicListeners_metricsAndLimits_exactAnswers() {
    String ekm = w.stack.ekmUrl();
    String kms = w.kmsUrl();
    String identity = w.stack.identity().issuer();
    String longPath = "/" + "a".repeat(5_000);
    Map<String, String> bigHeader = Map.of("X-Filler", "x".repeat(20_000));
    return Attack.run(
        List.of(
            of("EKM /metrics", 404, "NotFound", () -> get(ekm, "/metrics", Map.of())),
            of(
                "KMS /metrics",
                404,
                "NotAuthorizedOrNotFound",
                () -> get(kms, "/metrics", Map.of())),
            of("identity /metrics", 404, "NotFound", () -> get(identity, "/metrics", Map.of())),
            of(
                "XKS listener /metrics",
                404,
                "NotFound",
                () -> get(w.xksBase(), "/metrics", Map.of())),
            of(
                "EKM request line of 5,000 bytes",
                414,
                "UriTooLong",
                () -> get(ekm, longPath, Map.of())),
            of(
                "KMS request line of 5,000 bytes",
                414,
                "UriTooLong",
                () -> get(kms, longPath, Map.of())),
            of(
                "identity request line of 5,000 bytes",
                414,
                "UriTooLong",
                () -> get(identity, longPath, Map.of())),
            of("EKM headers of 20 KB", 400, "BadRequest", () -> get(ekm, "/health", bigHeader)),
            of("KMS headers of 20 KB", 400, "BadRequest", () -> get(kms, "/health", bigHeader)),
            of(
                "identity headers of 20 KB",
                400,
                "BadRequest",
                () -> get(identity, "/health", bigHeader))));
  }

  /** The public health answer says up or down and nothing about what is behind it. */
  @Test
  void publicHealth_anyServer_statusOnly() {
    for (String base : List.of(w.stack.ekmUrl(), w.kmsUrl(), w.stack.identity().issuer())) {
      Answer health = get(base, "/health", Map.of());

      assertThat(health.status()).as(base).isEqualTo(200);
      assertThat(health.text()).as(base).isEqualTo("{\"status\":\"UP\"}");
    }
  }

  /** The admin listeners do serve metrics (they are not reachable from the public network). */
  @Test
  void adminMetrics_afterTraffic_served() {
    Answer metrics = get(w.stack.ekmAdminUrl(), "/metrics", Map.of());

    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.text()).contains("ekm_requests");
  }
}
