package io.ekms.kms.server;

import io.ekms.core.http.Listener;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.ekm.server.EkmInit;
import io.ekms.ekm.server.EkmServer;
import io.ekms.identity.server.IdentityConfig;
import io.ekms.identity.server.IdentityInit;
import io.ekms.identity.server.IdentityServer;
import io.ekms.kms.ekmclient.EkmClients;
import io.ekms.testing.TempDirs;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;

/**
 * The whole system on loopback over HTTPS: an OAuth issuer with the KMS's client, an EKM with a
 * vault bound to that client and one key, and a KMS with a user who holds an API key and {@code
 * manage} in one compartment. The EKM keeps its port across restarts.
 */
final class KmsStack implements AutoCloseable {
  static final String TENANCY = "ocid1.tenancy.oc1..aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  static final String COMPARTMENT = "ocid1.compartment.oc1..bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
  final Path identityDir = TempDirs.create("stack-identity-");
  final IdentityConfig identityConfig =
      IdentityConfig.builder(identityDir)
          .api(new Listener("127.0.0.1", 0))
          .admin(new Listener("127.0.0.1", 0))
          .build();
  final IdentityServer identity;
  final HttpsJson identityAdmin;
  final String clientId;
  final String clientSecret;
  final Path ekmDir = TempDirs.create("stack-ekm-");
  final Path kmsDir = TempDirs.create("stack-kms-");
  final int ekmPort = freePort();
  final EkmConfig ekmConfig =
      EkmConfig.builder(ekmDir)
          .api(new Listener("127.0.0.1", ekmPort))
          .admin(new Listener("127.0.0.1", 0))
          .build();
  EkmServer ekm;
  HttpsJson ekmAdmin;
  String ekmVaultId;
  String ekmKeyId;
  final KmsConfig kmsConfig;
  KmsServer kms;
  HttpsJson kmsAdmin;
  String userId;
  KeyPair userKey;
  String fingerprint;

  KmsStack() throws Exception {
    IdentityInit.run(identityConfig, Map.of());
    identity = IdentityServer.start(identityConfig, Map.of());
    identityAdmin =
        new HttpsJson(
            "https://127.0.0.1:" + identity.adminPort(),
            identityDir.resolve("tls/ca.pem"),
            Files.readString(identityDir.resolve("admin.token")).trim());
    var client =
        identityAdmin.call(
            "POST",
            "/admin/v1/identity/clients",
            Map.of(
                "name",
                "kms",
                "audiences",
                List.of(ekmConfig.audience()),
                "scopes",
                List.of("oci_ekms")));
    clientId = client.path("id").asText();
    clientSecret = client.path("clientSecret").asText();
    String identityCaPem = Files.readString(identityDir.resolve("tls/ca.pem"));

    EkmInit.run(ekmConfig, Map.of());
    startEkm();
    String issuerId =
        ekmAdmin
            .call(
                "POST",
                "/admin/v1/issuers",
                Map.of(
                    "issuer",
                    identity.issuer(),
                    "discoveryUrl",
                    identity.issuer() + "/.well-known/openid-configuration",
                    "caBundle",
                    identityCaPem))
            .path("id")
            .asText();
    ekmVaultId =
        ekmAdmin
            .call(
                "POST",
                "/admin/v1/vaults",
                Map.of("name", "payments", "issuerId", issuerId, "clientId", clientId))
            .path("id")
            .asText();
    ekmKeyId = newEkmKey("orders");

    Path identityCa = identityDir.resolve("tls/ca.pem");
    kmsConfig =
        KmsConfig.builder(kmsDir)
            .api(new Listener("127.0.0.1", 0))
            .admin(new Listener("127.0.0.1", 0))
            .ekm(new KmsConfig.Ekm(null, null, List.of(identityCa.toString())))
            .sweepIntervalSeconds(1)
            .egress(KmsConfig.Egress.loopbackOnly())
            .build();
    KmsInit.run(kmsConfig, Map.of(), null);
    kms = KmsLauncher.start(kmsConfig, Map.of(), routing -> {});
    kmsAdmin =
        new HttpsJson(
            "https://127.0.0.1:" + kms.adminPort(),
            kmsDir.resolve("tls/ca.pem"),
            Files.readString(kmsDir.resolve("admin.token")).trim());
    userId =
        kmsAdmin
            .call("POST", "/admin/v1/users", Map.of("tenancyId", TENANCY, "name", "app"))
            .path("id")
            .asText();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    userKey = generator.generateKeyPair();
    fingerprint =
        kmsAdmin
            .call(
                "POST",
                "/admin/v1/users/" + userId + "/apiKeys",
                Map.of("publicKey", io.ekms.core.tls.PemWriter.encode(userKey.getPublic())))
            .path("fingerprint")
            .asText();
    kmsAdmin.call(
        "POST",
        "/admin/v1/users/" + userId + "/grants",
        Map.of("compartmentId", COMPARTMENT, "permission", "manage"));
  }

  /** A client id and secret at the identity server. */
  record IdentityClient(String id, String secret) {}

  /** A new identity client that may ask for tokens for {@code audience}. */
  IdentityClient newIdentityClient(String name, String audience) throws Exception {
    var client =
        identityAdmin.call(
            "POST",
            "/admin/v1/identity/clients",
            Map.of("name", name, "audiences", List.of(audience), "scopes", List.of("oci_ekms")));
    return new IdentityClient(client.path("id").asText(), client.path("clientSecret").asText());
  }

  /** How many HTTP clients the KMS's EKM client holds open (each has a selector thread). */
  int openHttpClients() {
    return ((EkmClients) kms.owned()).openHttpClients();
  }

  /** A new key in the EKM vault (so a test can disable or rotate it on its own). */
  String newEkmKey(String name) throws Exception {
    return ekmAdmin
        .call("POST", "/admin/v1/vaults/" + ekmVaultId + "/keys", Map.of("name", name))
        .path("id")
        .asText();
  }

  /** Runs an admin action on an EKM key: rotate, enable, disable or delete. */
  com.fasterxml.jackson.databind.JsonNode ekmKeyAction(String keyId, String action)
      throws Exception {
    return ekmAdmin.call(
        "POST", "/admin/v1/vaults/" + ekmVaultId + "/keys/" + keyId + "/" + action, Map.of());
  }

  void ekmVaultAction(String action) throws Exception {
    ekmAdmin.call("POST", "/admin/v1/vaults/" + ekmVaultId + "/" + action, Map.of());
  }

  /** A second user with its own API key and one grant in the compartment. */
  record User(String userId, String fingerprint, KeyPair key) {}

  User newUser(String name, String permission) throws Exception {
    return newUser(name, TENANCY, COMPARTMENT, permission);
  }

  /** A user of {@code tenancy} with its own API key and one grant, on {@code compartment}. */
  User newUser(String name, String tenancy, String compartment, String permission)
      throws Exception {
    String id =
        kmsAdmin
            .call("POST", "/admin/v1/users", Map.of("tenancyId", tenancy, "name", name))
            .path("id")
            .asText();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    String fp =
        kmsAdmin
            .call(
                "POST",
                "/admin/v1/users/" + id + "/apiKeys",
                Map.of("publicKey", io.ekms.core.tls.PemWriter.encode(pair.getPublic())))
            .path("fingerprint")
            .asText();
    kmsAdmin.call(
        "POST",
        "/admin/v1/users/" + id + "/grants",
        Map.of("compartmentId", compartment, "permission", permission));
    return new User(id, fp, pair);
  }

  void startEkm() throws Exception {
    ekm = EkmServer.start(ekmConfig, Map.of());
    ekmAdmin =
        new HttpsJson(
            "https://127.0.0.1:" + ekm.adminPort(),
            ekmDir.resolve("tls/ca.pem"),
            Files.readString(ekmDir.resolve("admin.token")).trim());
  }

  void stopEkm() {
    ekm.close();
  }

  String ekmCaPem() throws Exception {
    return Files.readString(ekmDir.resolve("tls/ca.pem"));
  }

  String ekmVaultUrl() {
    return "https://127.0.0.1:" + ekmPort + "/oci/ekm/v1/vaults/" + ekmVaultId;
  }

  String identityUrl() {
    return identity.issuer();
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    kms.close();
    ekm.close();
    identity.close();
  }
}
