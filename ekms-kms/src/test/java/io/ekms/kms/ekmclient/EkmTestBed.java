package io.ekms.kms.ekmclient;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import io.ekms.common.secret.SecretBytes;
import io.ekms.common.tls.Pem;
import io.ekms.common.tls.TrustBundle;
import io.ekms.core.crypto.Randoms;
import io.ekms.core.http.Listener;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.ekm.server.EkmInit;
import io.ekms.ekm.server.EkmServer;
import io.ekms.kms.egress.EgressPolicy;
import io.ekms.testing.TempDirs;
import io.ekms.testing.TestIssuer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real EKM over HTTPS on loopback, a real {@link TestIssuer} with a registered client, and one
 * vault bound to that client holding one key, created through the EKM's admin API. Restarts keep
 * the ports, so a client can reconnect to the same URL.
 */
final class EkmTestBed implements AutoCloseable {
  static final String AUDIENCE = "https://ekm.ekms.test/";
  static final String CLIENT = "kms-client";

  /** The EKM and the issuer are on loopback, which a production policy refuses. */
  static final EgressPolicy LOOPBACK =
      EgressPolicy.of(List.of("127.0.0.0/8"), List.of("127.0.0.1"), true);

  final String secret = "secret-" + Randoms.hex(12);
  final TestIssuer issuer = TestIssuer.start();
  final Path dataDir = TempDirs.create("kms-ekm-");
  private EkmConfig config;
  private EkmServer server;
  private final HttpClient admin;
  private final String adminToken;
  final String caPem;
  final String vaultId;
  final String keyId;

  EkmTestBed() throws Exception {
    issuer.registerClient(CLIENT, secret, AUDIENCE);
    config = config(0, 0);
    EkmInit.run(config, Map.of());
    adminToken = Files.readString(dataDir.resolve("admin.token")).trim();
    caPem = Files.readString(dataDir.resolve("tls/ca.pem"));
    admin = HttpClient.newBuilder().sslContext(TrustBundle.sslContext(caCerts())).build();
    start();
    config = config(server.apiPort(), server.adminPort());
    String issuerId =
        admin(
                "POST",
                "/admin/v1/issuers",
                Map.of(
                    "issuer",
                    issuer.issuer(),
                    "jwksUri",
                    issuer.jwksUri(),
                    "caBundle",
                    issuer.caPem()))
            .path("id")
            .asText();
    vaultId =
        admin(
                "POST",
                "/admin/v1/vaults",
                Map.of("name", "v1", "issuerId", issuerId, "clientId", CLIENT))
            .path("id")
            .asText();
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

  String createKey(String name) throws Exception {
    return admin("POST", keys(), Map.of("name", name, "ops", List.of("ENCRYPT", "DECRYPT")))
        .path("id")
        .asText();
  }

  String keys() {
    return "/admin/v1/vaults/" + vaultId + "/keys";
  }

  /** The EKM's audit records carrying {@code requestId}. */
  List<JsonNode> audit(String requestId) throws Exception {
    String query = URLEncoder.encode(requestId, StandardCharsets.UTF_8);
    List<JsonNode> out = new ArrayList<>();
    admin("GET", "/admin/v1/audit?limit=1000&requestId=" + query, null)
        .path("items")
        .forEach(out::add);
    return out;
  }

  /** Calls the admin API, asserting success; {@code body} may be null. */
  JsonNode admin(String method, String path, Object body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + config.admin().port() + path))
            .header("Authorization", "Bearer " + adminToken)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(Json.write(body)))
            .build();
    HttpResponse<String> response = admin.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    return Json.mapper().readTree(response.body());
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
    issuer.close();
    admin.close();
  }
}
