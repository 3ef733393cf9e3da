package io.ekms.it.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ekms.common.json.Json;
import io.ekms.common.tls.Pem;
import io.ekms.conformance.ClientTls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kit against a deliberately broken EKM, one defect per protocol: it does not conform, and the
 * checks that fail are exactly the ones that name the defect.
 */
class ConformanceBrokenEkmTest {
  static KitBed bed;

  @BeforeAll
  static void start() throws Exception {
    bed = new KitBed();
  }

  @AfterAll
  static void stop() {
    bed.close();
  }

  @Test
  void ociEkm_ekmIgnoresTheAad_failsAadBinding() throws Exception {
    BrokenEkm.Defect ignoresAad =
        new BrokenEkm.Defect() {
          @Override
          public byte[] request(String path, byte[] body) {
            if (!path.endsWith("/encrypt") && !path.endsWith("/decrypt")) {
              return body;
            }
            try {
              ObjectNode json = (ObjectNode) Json.mapper().readTree(body);
              json.remove("aad");
              return Json.write(json);
            } catch (Exception notJson) {
              return body;
            }
          }
        };
    try (BrokenEkm broken = new BrokenEkm(bed.stack.ekmUrl(), trustingStack(), ignoresAad)) {
      KitRun run =
          KitRun.of(
              bed.dir,
              "oci-ekm",
              "--endpoint",
              broken.url() + "/oci/ekm/v1/vaults/" + bed.vaultId,
              "--key-id",
              bed.keyId,
              "--ca-file",
              bundle(broken).toString(),
              "--token-file",
              bed.tokenFile(KitBed.CLIENT).toString());

      assertThat(run.exit()).as(run.printed()).isEqualTo(1);
      assertThat(run.ids("FAIL"))
          .as(run.printed())
          .containsExactlyInAnyOrder(
              "oci.aad.binding", "oci.bounds.aad", "oci.errors.refusals-echo-no-input");
      assertThat(run.printed()).contains("DOES NOT CONFORM");
    }
  }

  @Test
  void gcpEkm_ekmAnswers403ForATransientFault_failsTransientFault() throws Exception {
    BrokenEkm.Defect deniesWhenDown =
        new BrokenEkm.Defect() {
          @Override
          public BrokenEkm.Upstream response(String path, BrokenEkm.Upstream real) {
            if (real.status() != 503) {
              return real;
            }
            byte[] denied =
                Json.write(Map.of("code", 7, "message", "denied", "details", List.of()));
            return new BrokenEkm.Upstream(403, "application/json", denied);
          }
        };
    try (BrokenEkm broken = new BrokenEkm(bed.stack.ekmUrl(), trustingStack(), deniesWhenDown)) {
      KitRun run =
          KitRun.of(
              bed.dir,
              "gcp-ekm",
              "--key-uri",
              broken.url() + "/" + KitBed.GCP_PREFIX + "/v0/keys/payments",
              "--ca-file",
              bundle(broken).toString(),
              "--signing-key",
              bed.signingKeyFile().toString(),
              "--issuer",
              bed.issuer.issuer(),
              "--audience",
              KitBed.GCP_AUDIENCE,
              "--service-account",
              KitBed.GCP_SA,
              "--fault-hook",
              bed.auditMove(true),
              "--recover-hook",
              bed.auditMove(false));

      assertThat(run.exit()).as(run.printed()).isEqualTo(1);
      assertThat(run.ids("FAIL"))
          .as(run.printed())
          .containsExactly("gcp.state.transient-fault-unavailable");
      assertThat(run.printed()).contains("expected 503 UNAVAILABLE (14), never 403, got 403");
    }
  }

  @Test
  void xks_ekmAnswersInternalErrorForAnUnknownKey_failsUnknownKey() throws Exception {
    BrokenEkm.Defect internalForUnknown =
        new BrokenEkm.Defect() {
          @Override
          public BrokenEkm.Upstream response(String path, BrokenEkm.Upstream real) {
            String body = new String(real.body(), StandardCharsets.UTF_8);
            if (real.status() != 404 || !body.contains("KeyNotFoundException")) {
              return real;
            }
            byte[] internal =
                Json.write(Map.of("errorName", "InternalException", "errorMessage", "oops"));
            return new BrokenEkm.Upstream(500, "application/json", internal);
          }
        };
    SSLContext mutual =
        ClientTls.of(
            Pem.certificates(bed.stack.caFile()),
            Pem.certificates(bed.dir.resolve("client.pem")),
            Pem.privateKey(bed.dir.resolve("client-key.pem")));
    String xks = "https://127.0.0.1:" + bed.stack.ekm().xksPort();
    try (BrokenEkm broken = new BrokenEkm(xks, mutual, internalForUnknown)) {
      KitRun run =
          KitRun.of(
              bed.dir,
              "xks",
              "--endpoint",
              broken.url() + "/" + KitBed.XKS_PREFIX,
              "--key-id",
              "encrypt_decrypt",
              "--ca-file",
              bundle(broken).toString(),
              "--access-key-id",
              KitBed.AKID1,
              "--secret-file",
              bed.write("xks1.secret", KitBed.SECRET1).toString());

      assertThat(run.exit()).as(run.printed()).isEqualTo(1);
      assertThat(run.ids("FAIL")).as(run.printed()).containsExactly("xks.errors.unknown-key");
    }
  }

  private static SSLContext trustingStack() throws Exception {
    return ClientTls.of(Pem.certificates(bed.stack.caFile()), null, null);
  }

  private static Path bundle(BrokenEkm broken) throws Exception {
    Path file = Files.createTempFile(bed.dir, "broken-ca-", ".pem");
    Files.writeString(
        file, Files.readString(bed.caBundle) + "\n" + broken.caPem(), StandardCharsets.US_ASCII);
    return file;
  }
}
