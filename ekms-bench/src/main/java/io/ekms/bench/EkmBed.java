package io.ekms.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import io.ekms.common.tls.Pem;
import io.ekms.common.tls.TrustBundle;
import io.ekms.core.http.Listener;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.ekm.server.EkmInit;
import io.ekms.ekm.server.EkmServer;
import io.ekms.identity.server.IdentityConfig;
import io.ekms.identity.server.IdentityInit;
import io.ekms.identity.server.IdentityServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * An identity server and an EKM with embedded defaults in a temporary directory, one vault bound to
 * one OAuth client, one AES-256 key, and an access token for it. What the EKM scenarios drive.
 */
final class EkmBed implements AutoCloseable {
  final Path dir;
  final IdentityServer identity;
  final EkmServer ekm;
  final EkmConfig ekmConfig;
  final String token;
  final String vaultId;
  final String keyId;
  final String clientId;
  final String clientSecret;

  EkmBed(Path dir) throws Exception {
    this(dir, null, null);
  }

  /**
   * With {@code pkcs11} set, the EKM registers the PKCS#11 backend; {@code defaultBackend} then
   * names where new keys go (the bench's key included).
   */
  EkmBed(Path dir, EkmConfig.Pkcs11 pkcs11, String defaultBackend) throws Exception {
    this.dir = dir;
    IdentityConfig ic =
        IdentityConfig.builder(dir.resolve("identity"))
            .api(new Listener("127.0.0.1", 0))
            .admin(new Listener("127.0.0.1", 0))
            .build();
    IdentityInit.run(ic, Map.of());
    identity = IdentityServer.start(ic, Map.of());
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ekmConfig =
        EkmConfig.builder(dir.resolve("ekm"))
            .api(new Listener("127.0.0.1", port))
            .admin(new Listener("127.0.0.1", 0))
            .pkcs11(pkcs11)
            .defaultBackend(defaultBackend)
            .build();
    EkmInit.run(ekmConfig, Map.of());
    ekm = EkmServer.start(ekmConfig, Map.of());
    JsonNode client =
        admin(
            identityCa(),
            identity.adminPort(),
            dir.resolve("identity"),
            "POST",
            "/admin/v1/identity/clients",
            Map.of(
                "name",
                "bench",
                "audiences",
                List.of(ekmConfig.audience()),
                "scopes",
                List.of("oci_ekms")));
    Path ekmDir = dir.resolve("ekm");
    String issuerId =
        admin(
                Files.readString(ekmDir.resolve("tls/ca.pem")),
                ekm.adminPort(),
                ekmDir,
                "POST",
                "/admin/v1/issuers",
                Map.of(
                    "issuer",
                    identity.issuer(),
                    "discoveryUrl",
                    identity.issuer() + "/.well-known/openid-configuration",
                    "caBundle",
                    identityCa()))
            .path("id")
            .asText();
    vaultId =
        admin(
                Files.readString(ekmDir.resolve("tls/ca.pem")),
                ekm.adminPort(),
                ekmDir,
                "POST",
                "/admin/v1/vaults",
                Map.of(
                    "name", "bench", "issuerId", issuerId, "clientId", client.path("id").asText()))
            .path("id")
            .asText();
    keyId =
        admin(
                Files.readString(ekmDir.resolve("tls/ca.pem")),
                ekm.adminPort(),
                ekmDir,
                "POST",
                "/admin/v1/vaults/" + vaultId + "/keys",
                Map.of("name", "bench"))
            .path("id")
            .asText();
    clientId = client.path("id").asText();
    clientSecret = client.path("clientSecret").asText();
    token = token(clientId, clientSecret);
  }

  String ekmCa() throws Exception {
    return Files.readString(dir.resolve("ekm/tls/ca.pem"));
  }

  /** Calls the EKM's admin API. */
  JsonNode ekmAdmin(String method, String path, Object body) throws Exception {
    return admin(ekmCa(), ekm.adminPort(), dir.resolve("ekm"), method, path, body);
  }

  String identityCa() throws Exception {
    return Files.readString(dir.resolve("identity/tls/ca.pem"));
  }

  String keyUrl(String op) {
    return "https://127.0.0.1:"
        + ekm.apiPort()
        + "/oci/ekm/v1/vaults/"
        + vaultId
        + "/keys/"
        + keyId
        + "/"
        + op;
  }

  private String token(String clientId, String secret) throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    String form =
        "grant_type=client_credentials&scope="
            + URLEncoder.encode(ekmConfig.audience() + "oci_ekms", StandardCharsets.UTF_8);
    HttpResponse<String> r =
        client(identityCa())
            .send(
                HttpRequest.newBuilder(URI.create(identity.issuer() + "/oauth2/v1/token"))
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return Json.mapper().readTree(r.body()).path("access_token").asText();
  }

  /** Calls the admin API on {@code port} with the admin token of the server in {@code dataDir}. */
  static JsonNode admin(
      String caPem, int port, Path dataDir, String method, String path, Object body)
      throws Exception {
    String tokenValue = Files.readString(dataDir.resolve("admin.token")).trim();
    HttpResponse<String> r =
        client(caPem)
            .send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + tokenValue)
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.writeString(body)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
    return Json.mapper().readTree(r.body());
  }

  private static HttpClient client(String caPem) {
    return HttpClient.newBuilder()
        .sslContext(TrustBundle.sslContext(Pem.certificates(caPem)))
        .build();
  }

  @Override
  public void close() {
    ekm.close();
    identity.close();
  }
}
