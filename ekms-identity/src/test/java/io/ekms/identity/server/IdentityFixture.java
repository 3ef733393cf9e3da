package io.ekms.identity.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.admin.client.AdminHttp;
import io.ekms.admin.client.IdentityAdmin;
import io.ekms.core.db.DatabaseConfig;
import io.ekms.core.http.Listener;
import io.ekms.testing.MutableClock;
import io.ekms.testing.RawHttps;
import io.ekms.testing.RawHttps.Answer;
import io.ekms.testing.TempDirs;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real identity server over HTTPS on free loopback ports, initialised in a scratch directory,
 * with a hand-moved clock, plus helpers for the admin API and the token endpoint.
 */
final class IdentityFixture implements AutoCloseable {
  static final String AUDIENCE = "https://ekm.example.test/";
  static final String FORM = "application/x-www-form-urlencoded";

  /** A registered client and its secret, as creation answered them. */
  record Registered(String id, String secret) {}

  final Path dataDir = TempDirs.create("identity-");

  /** Millisecond precision, as the database stores times. */
  final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

  IdentityConfig config;
  final String adminToken;
  final String caPem;
  final RawHttps http;
  IdentityServer server;

  /** The admin API as an admin calls it. */
  IdentityAdmin admin;

  IdentityFixture() throws Exception {
    this(null);
  }

  IdentityFixture(DatabaseConfig database) throws Exception {
    config =
        IdentityConfig.builder(dataDir)
            .api(new Listener("127.0.0.1", 0))
            .admin(new Listener("127.0.0.1", 0))
            .database(database)
            .build();
    IdentityInit.run(config, Map.of());
    adminToken = Files.readString(dataDir.resolve("admin.token")).trim();
    caPem = Files.readString(dataDir.resolve("tls/ca.pem"));
    http = RawHttps.trusting(caPem);
    start();
  }

  void start() {
    server = IdentityServer.start(config, Map.of(), clock);
    admin =
        new IdentityAdmin(
            AdminHttp.of(
                "identity server",
                adminUrl(),
                dataDir.resolve("tls/ca.pem"),
                dataDir.resolve("admin.token")));
  }

  String adminUrl() {
    return "https://127.0.0.1:" + server.adminPort();
  }

  /** Stops and starts again on the same ports, so the issuer URL stays the same. */
  void restart() {
    Listener api = new Listener("127.0.0.1", server.apiPort());
    Listener admin = new Listener("127.0.0.1", server.adminPort());
    server.close();
    config =
        IdentityConfig.builder(config.dataPath())
            .api(api)
            .admin(admin)
            .database(config.database())
            .build();
    start();
  }

  String issuer() {
    return server.issuer();
  }

  /** A GET on the admin listener with the admin token, answered as it is (/health, /metrics). */
  Answer adminListener(String path) throws Exception {
    return http.send(
        "GET", adminUrl() + path, Map.of("Authorization", "Bearer " + adminToken), null);
  }

  Registered createClient(String name, List<String> audiences, List<String> scopes) {
    IdentityAdmin.Client created = admin.createClient(name, audiences, scopes);
    return new Registered(created.id(), created.secret());
  }

  Registered createClient(String name) {
    return createClient(name, List.of(AUDIENCE), List.of("oci_ekms"));
  }

  /** POSTs {@code form} (already encoded) to the token endpoint with {@code headers}. */
  Answer token(String form, Map<String, String> headers) throws Exception {
    Map<String, String> all = new LinkedHashMap<>(Map.of("Content-Type", FORM));
    all.putAll(headers);
    return http.send("POST", issuer() + "/oauth2/v1/token", all, form);
  }

  /** A client_secret_basic request for {@code scope}. */
  Answer basic(Registered client, String scope) throws Exception {
    return token(
        "grant_type=client_credentials&scope=" + encode(scope),
        Map.of("Authorization", basicHeader(client.id(), client.secret())));
  }

  /** A client_secret_post request for {@code scope}. */
  Answer post(Registered client, String scope) throws Exception {
    return token(
        "grant_type=client_credentials&scope="
            + encode(scope)
            + "&client_id="
            + encode(client.id())
            + "&client_secret="
            + encode(client.secret()),
        Map.of());
  }

  /** A token for {@code client}, asserting it was issued. */
  String accessToken(Registered client) throws Exception {
    Answer a = basic(client, AUDIENCE + "oci_ekms");
    assertThat(a.status()).as(a.text()).isEqualTo(200);
    return a.body().path("access_token").asText();
  }

  Answer get(String path) throws Exception {
    return http.send("GET", issuer() + path, Map.of(), null);
  }

  static String basicHeader(String id, String secret) {
    String pair = encode(id) + ":" + encode(secret);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
