package io.ekms.ekm.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.admin.client.AdminHttp;
import io.ekms.admin.client.EkmAdmin;
import io.ekms.core.http.Listener;
import io.ekms.testing.RawHttps;
import io.ekms.testing.TempDirs;
import io.ekms.testing.TestIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real EKM over HTTPS on free loopback ports, a real test issuer, and one vault bound to client
 * {@code kms-client} with one key, created through the admin API.
 */
final class EkmFixture implements AutoCloseable {
  static final String AUDIENCE = "ekms-ekm-test";
  static final String CLIENT = "kms-client";

  final Path dataDir = TempDirs.create("ekm-");
  final TestIssuer issuer = TestIssuer.start();
  final EkmConfig config;

  /** The server's clock; tests may swap it before a restart to skew the server's time. */
  java.time.Clock clock = java.time.Clock.systemUTC();

  /** What the vaults' rate limits refill on; tests may swap it at any time to hold it still. */
  volatile java.util.function.LongSupplier rateTicker = System::nanoTime;

  /** What the server's backends pass through at the next (re)start; tests may wrap them. */
  java.util.function.UnaryOperator<io.ekms.ekm.service.Backends> backends =
      java.util.function.UnaryOperator.identity();

  EkmServer server;
  RawHttps api;

  /** The admin API as an admin calls it. */
  EkmAdmin admin;

  /** The admin listener, for requests no admin client sends (no token, a wrong one, /metrics). */
  RawHttps adminRaw;

  String adminToken;
  String vaultId;
  String keyId;

  EkmFixture() throws Exception {
    this(null);
  }

  EkmFixture(EkmConfig.RateLimit rateLimit) throws Exception {
    this(rateLimit, null, null);
  }

  /** An EKM with the given XKS section (may be null: XKS on the API listener). */
  EkmFixture(EkmConfig.RateLimit rateLimit, EkmConfig.Xks xks) throws Exception {
    this(rateLimit, null, null, xks);
  }

  /** An EKM with the PKCS#11 section {@code pkcs11} (may be null) and that default backend. */
  EkmFixture(EkmConfig.RateLimit rateLimit, EkmConfig.Pkcs11 pkcs11, String defaultBackend)
      throws Exception {
    this(rateLimit, pkcs11, defaultBackend, null);
  }

  EkmFixture(
      EkmConfig.RateLimit rateLimit,
      EkmConfig.Pkcs11 pkcs11,
      String defaultBackend,
      EkmConfig.Xks xks)
      throws Exception {
    config =
        EkmConfig.builder(dataDir)
            .api(new Listener("127.0.0.1", 0))
            .admin(new Listener("127.0.0.1", 0))
            .tokens(new EkmConfig.Tokens(AUDIENCE, 60))
            .rateLimit(rateLimit)
            .pkcs11(pkcs11)
            .defaultBackend(defaultBackend)
            .xks(xks)
            .build();
    EkmInit.run(config, Map.of());
    adminToken = Files.readString(dataDir.resolve("admin.token")).trim();
    start();
    String issuerId = admin.addIssuer(issuer.issuer(), issuer.jwksUri(), issuer.caPem());
    vaultId = admin.createVault("v1", issuerId, CLIENT);
    keyId = createKey("k1", List.of("ENCRYPT", "DECRYPT"));
  }

  void start() throws Exception {
    server =
        EkmServer.start(
            config, Map.of(), new EkmServer.Hooks(clock, backends, () -> rateTicker.getAsLong()));
    Path ca = dataDir.resolve("tls/ca.pem");
    String adminUrl = "https://127.0.0.1:" + server.adminPort();
    api = RawHttps.at("https://127.0.0.1:" + server.apiPort(), ca);
    admin = new EkmAdmin(AdminHttp.of("EKM", adminUrl, ca, dataDir.resolve("admin.token")));
    adminRaw = RawHttps.at(adminUrl, ca);
  }

  void restart() throws Exception {
    server.close();
    start();
  }

  String createKey(String name, List<String> ops) {
    return admin.createKey(vaultId, name, ops);
  }

  String token() {
    return issuer
        .token()
        .clientId(CLIENT)
        .audience(AUDIENCE)
        .scope("oci_ekms")
        .expiresIn(Duration.ofMinutes(5))
        .sign();
  }

  String apiBase() {
    return "/oci/ekm/v1/vaults/" + vaultId;
  }

  JsonNode encrypt(String keyId, String plaintext, String aad) throws Exception {
    Map<String, Object> body = new HashMap<>(Map.of("plaintext", b64(plaintext)));
    if (aad != null) {
      body.put("aad", b64(aad));
    }
    var answer = api.post(apiBase() + "/keys/" + keyId + "/encrypt", token(), body);
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
    return answer.body();
  }

  RawHttps.Answer decrypt(String keyId, JsonNode ct, String aad) throws Exception {
    Map<String, Object> body =
        new HashMap<>(
            Map.of(
                "ciphertext",
                ct.path("ciphertext").asText(),
                "iv",
                ct.path("iv").asText(),
                "tag",
                ct.path("tag").asText(),
                "mode",
                "AES_GCM",
                "keyVersionId",
                ct.path("keyVersionId").asText()));
    if (aad != null) {
      body.put("aad", b64(aad));
    }
    return api.post(apiBase() + "/keys/" + keyId + "/decrypt", token(), body);
  }

  static String b64(String s) {
    return java.util.Base64.getEncoder()
        .encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
    issuer.close();
  }
}
