package io.ekms.it.console;

import io.ekms.ekm.server.EkmConfig;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.MutableClock;
import io.ekms.testing.RawHttps;
import io.ekms.testing.TempDirs;
import io.ekms.testing.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * A loopback stack whose EKM serves the console with a one-minute idle timeout on a clock the test
 * moves, and trusts a test issuer whose client {@link #CLIENT} the tests bind their vaults to, so
 * they can call the real EKM API right after a click.
 */
final class ConsoleBed implements AutoCloseable {
  static final String CLIENT = "console-test-client";
  final MutableClock clock = new MutableClock(Instant.now());
  final LoopbackStack stack;
  final TestIssuer issuer;
  final String issuerId;
  final String adminToken;
  final RawHttps ekmApi;
  final RawHttps admin;

  ConsoleBed() throws Exception {
    stack =
        LoopbackStack.builder(TempDirs.create("console-"))
            .ekmClock(clock)
            .ekm(b -> b.console(new EkmConfig.Console(true, 1, 8)))
            .start();
    issuer = TestIssuer.start();
    issuerId = stack.ekmAdmin().addIssuer(issuer.issuer(), issuer.jwksUri(), issuer.caPem());
    adminToken = Files.readString(stack.adminTokenFile("ekm")).strip();
    ekmApi = RawHttps.at(stack.ekmUrl(), stack.caFile());
    admin = RawHttps.at(stack.ekmAdminUrl(), stack.caFile());
  }

  /** The console's base URL (the EKM's admin listener). */
  String url() {
    return stack.ekmAdminUrl();
  }

  /** An OCI EKM API encrypt with the key, as the KMS would send it. */
  RawHttps.Answer encrypt(String vaultId, String keyId) throws Exception {
    String token =
        issuer
            .token()
            .clientId(CLIENT)
            .audience(stack.ekmAudience())
            .scope("oci_ekms")
            .expiresIn(Duration.ofMinutes(30))
            .sign();
    String plaintext =
        Base64.getEncoder().encodeToString("console test".getBytes(StandardCharsets.UTF_8));
    return ekmApi.post(
        "/oci/ekm/v1/vaults/" + vaultId + "/keys/" + keyId + "/encrypt",
        token,
        Map.of("plaintext", plaintext));
  }

  @Override
  public void close() {
    issuer.close();
    stack.close();
  }
}
