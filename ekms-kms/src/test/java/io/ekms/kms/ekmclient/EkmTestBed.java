package io.ekms.kms.ekmclient;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.admin.client.AdminHttp;
import io.ekms.admin.client.EkmAdmin;
import io.ekms.common.secret.SecretBytes;
import io.ekms.common.tls.Pem;
import io.ekms.core.crypto.Randoms;
import io.ekms.core.http.Listener;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.ekm.server.EkmInit;
import io.ekms.ekm.server.EkmServer;
import io.ekms.kms.egress.EgressPolicy;
import io.ekms.testing.TempDirs;
import io.ekms.testing.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real EKM over HTTPS on loopback, a real {@link TestIssuer} with a registered client, and one
 * vault bound to that client holding one key, created through the EKM's admin API ({@link
 * EkmAdmin}). Restarts keep the ports, so a client can reconnect to the same URL.
 */
final class EkmTestBed implements AutoCloseable {
  static final String AUDIENCE = "https://ekm.ekms.test/";
  static final String CLIENT = "kms-client";

  /**
   * Timeouts for tests that are not about timeouts: OCI's budget (500 ms connect, 1 s read) is a
   * wall-clock bound that a loaded shared machine can miss on a cold JVM. Tests of the timeouts
   * themselves use {@link EkmClientConfig#defaults()}.
   */
  static final EkmClientConfig PATIENT =
      new EkmClientConfig(Duration.ofSeconds(10), Duration.ofSeconds(30), null);

  /** The EKM and the issuer are on loopback, which a production policy refuses. */
  static final EgressPolicy LOOPBACK =
      EgressPolicy.of(List.of("127.0.0.0/8"), List.of("127.0.0.1"), true);

  final String secret = "secret-" + Randoms.hex(12);
  final TestIssuer issuer = TestIssuer.start();
  final Path dataDir = TempDirs.create("kms-ekm-");
  private EkmConfig config;
  private EkmServer server;
  final String caPem;
  final EkmAdmin admin;
  final String vaultId;
  final String keyId;

  EkmTestBed() throws Exception {
    issuer.registerClient(CLIENT, secret, AUDIENCE);
    config = config(0, 0);
    EkmInit.run(config, Map.of());
    caPem = Files.readString(dataDir.resolve("tls/ca.pem"));
    start();
    config = config(server.apiPort(), server.adminPort());
    admin =
        new EkmAdmin(
            AdminHttp.of(
                "EKM",
                "https://127.0.0.1:" + server.adminPort(),
                dataDir.resolve("tls/ca.pem"),
                dataDir.resolve("admin.token")));
    String issuerId = admin.addIssuer(issuer.issuer(), issuer.jwksUri(), issuer.caPem());
    vaultId = admin.createVault("v1", issuerId, CLIENT);
    keyId = createKey("k1");
  }

  private EkmConfig config(int apiPort, int adminPort) {
    return EkmConfig.builder(dataDir)
        .api(new Listener("127.0.0.1", apiPort))
        .admin(new Listener("127.0.0.1", adminPort))
        .tokens(new EkmConfig.Tokens(AUDIENCE, 60))
        .build();
  }

  void start() {
    server = EkmServer.start(config, Map.of());
  }

  void stop() {
    server.close();
    server = null;
  }

  int apiPort() {
    return server.apiPort();
  }

  String vaultUrl() {
    return "https://127.0.0.1:" + config.api().port() + "/oci/ekm/v1/vaults/" + vaultId;
  }

  List<java.security.cert.X509Certificate> caCerts() {
    return Pem.certificates(caPem);
  }

  /** The vault's OAuth client with the right secret. */
  OAuthClient oauth() {
    return oauth(secret);
  }

  OAuthClient oauth(String clientSecret) {
    return new OAuthClient(
        issuer.issuer(),
        CLIENT,
        SecretBytes.copyOf(clientSecret.getBytes(StandardCharsets.UTF_8)),
        AUDIENCE,
        Pem.certificates(issuer.caPem()));
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
    if (server != null) {
      server.close();
    }
    issuer.close();
  }
}
