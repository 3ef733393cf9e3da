package io.ekms.kms.ekmclient;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.admin.client.EkmAdmin;
import io.ekms.admin.client.IdentityAdmin;
import io.ekms.common.secret.SecretBytes;
import io.ekms.common.tls.Pem;
import io.ekms.core.crypto.Randoms;
import io.ekms.identity.server.IdentityConfigBuilder;
import io.ekms.kms.egress.EgressPolicy;
import io.ekms.stack.LoopbackStack;
import io.ekms.testing.TempDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A {@link LoopbackStack} of its own as the KMS's EKM client meets it: an OAuth client registered
 * in the stack's identity server ({@link IdentityAdmin}), the identity server trusted by the
 * stack's EKM, and one EKM vault bound to that client holding one AES-256 key ({@link EkmAdmin}).
 * The stack's KMS is not used. {@link LoopbackStack#stopEkm()} and {@link LoopbackStack#startEkm()}
 * keep the EKM's port, so {@link #vaultUrl} stays valid.
 */
final class EkmClientWorld implements AutoCloseable {
  /**
   * Timeouts for tests that are not about timeouts: OCI's budget (500 ms connect, 1 s read) is a
   * wall-clock bound that a loaded shared machine can miss on a cold JVM. Tests of the timeouts
   * themselves use {@link EkmClientConfig#defaults()}.
   */
  static final EkmClientConfig PATIENT =
      new EkmClientConfig(Duration.ofSeconds(10), Duration.ofSeconds(30), null);

  /** The EKM and the identity server are on loopback, which a production policy refuses. */
  static final EgressPolicy LOOPBACK =
      EgressPolicy.of(List.of("127.0.0.0/8"), List.of("127.0.0.1"), true);

  final LoopbackStack stack;
  final EkmAdmin admin;
  final IdentityAdmin.Client client;
  final String caPem;
  final String vaultId;
  final String keyId;
  final String vaultUrl;

  private EkmClientWorld(LoopbackStack stack) throws IOException {
    this.stack = stack;
    admin = stack.ekmAdmin();
    client = newClient("kms", stack.ekmAudience());
    caPem = Files.readString(stack.caFile());
    String issuerId = admin.trustIssuer(stack.identityIssuer(), caPem);
    vaultId = admin.createVault("v1", issuerId, client.id());
    keyId = createKey("k1");
    vaultUrl = stack.ekmUrl() + "/oci/ekm/v1/vaults/" + vaultId;
  }

  /** A new stack with the identity server's defaults. */
  static EkmClientWorld start() throws IOException {
    return start(UnaryOperator.identity());
  }

  /** A new stack with {@code identity} changed, e.g. its token lifetime. */
  static EkmClientWorld start(UnaryOperator<IdentityConfigBuilder> identity) throws IOException {
    LoopbackStack stack =
        LoopbackStack.builder(TempDirs.create("ekmclient-")).identity(identity).start();
    try {
      return new EkmClientWorld(stack);
    } catch (IOException | RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  /** Registers another OAuth client in identity, allowed scope {@code oci_ekms} at {@code aud}. */
  IdentityAdmin.Client newClient(String name, String aud) {
    return stack
        .identityAdmin()
        .createClient(name + "-" + Randoms.hex(3), List.of(aud), List.of("oci_ekms"));
  }

  List<java.security.cert.X509Certificate> caCerts() {
    return Pem.certificates(caPem);
  }

  /** The vault's OAuth client with the right secret, at the identity server. */
  OAuthClient oauth() {
    return oauth(client.secret());
  }

  OAuthClient oauth(String clientSecret) {
    return new OAuthClient(
        stack.identityIssuer(),
        client.id(),
        SecretBytes.copyOf(clientSecret.getBytes(StandardCharsets.UTF_8)),
        stack.ekmAudience(),
        caCerts());
  }

  String createKey(String name) {
    return admin.createKey(vaultId, name, List.of("ENCRYPT", "DECRYPT"));
  }

  /** The EKM's audit records carrying {@code requestId}. */
  List<JsonNode> audit(String requestId) {
    List<JsonNode> out = new ArrayList<>();
    admin.audit(requestId).forEach(out::add);
    return out;
  }

  @Override
  public void close() {
    stack.close();
  }
}
