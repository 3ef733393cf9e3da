package io.ekms.sdk;

import io.ekms.common.secret.SecretFiles;
import io.ekms.core.http.Listener;
import io.ekms.core.tls.PemWriter;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.ekm.server.EkmInit;
import io.ekms.ekm.server.EkmServer;
import io.ekms.identity.server.IdentityConfig;
import io.ekms.identity.server.IdentityInit;
import io.ekms.identity.server.IdentityServer;
import io.ekms.kms.server.KmsConfig;
import io.ekms.kms.server.KmsInit;
import io.ekms.kms.server.KmsLauncher;
import io.ekms.kms.server.KmsServer;
import io.ekms.testing.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;

/**
 * The whole system on loopback over HTTPS, as in the KMS's own end-to-end tests: identity with the
 * KMS's OAuth client, an EKM with a vault and a key, a KMS with a user who has {@code manage} in
 * one compartment, and an OCI-style config file (profile {@code ekms}) holding that user's API key.
 * One stack serves every test class of a run and stops with the JVM. Public, through ekms-sdk's
 * test-jar, so the CLI's tests drive the same stack.
 */
public final class SdkStack {
  public static final String TENANCY = "ocid1.tenancy.oc1..aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  public static final String COMPARTMENT =
      "ocid1.compartment.oc1..bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
  private static SdkStack shared;

  public final Path identityDir = TempDirs.create("sdk-identity-");
  public final Path ekmDir = TempDirs.create("sdk-ekm-");
  public final Path kmsDir = TempDirs.create("sdk-kms-");
  public final Path userDir = TempDirs.create("sdk-user-");
  public final IdentityServer identity;
  public final EkmServer ekm;
  public final KmsServer kms;
  public final int ekmPort;
  final AdminJson ekmAdmin;
  public final String clientId;
  public final String clientSecret;
  public final String ekmVaultId;
  public final String ekmKeyId;
  public final Path ociConfig;

  public static synchronized SdkStack shared() throws Exception {
    if (shared == null) {
      shared = new SdkStack();
      SdkStack s = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(s::close));
    }
    return shared;
  }

  private SdkStack() throws Exception {
    var identityConfig =
        IdentityConfig.builder(identityDir).api(loopback(0)).admin(loopback(0)).build();
    IdentityInit.run(identityConfig, Map.of());
    identity = IdentityServer.start(identityConfig, Map.of());
    ekmPort = freePort();
    var ekmConfig = EkmConfig.builder(ekmDir).api(loopback(ekmPort)).admin(loopback(0)).build();
    var client =
        new AdminJson(identity.adminPort(), identityDir)
            .post(
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
    EkmInit.run(ekmConfig, Map.of());
    ekm = EkmServer.start(ekmConfig, Map.of());
    ekmAdmin = new AdminJson(ekm.adminPort(), ekmDir);
    String issuerId =
        ekmAdmin
            .post(
                "/admin/v1/issuers",
                Map.of(
                    "issuer", identity.issuer(),
                    "discoveryUrl", identity.issuer() + "/.well-known/openid-configuration",
                    "caBundle", Files.readString(identityDir.resolve("tls/ca.pem"))))
            .path("id")
            .asText();
    ekmVaultId =
        ekmAdmin
            .post(
                "/admin/v1/vaults",
                Map.of("name", "payments", "issuerId", issuerId, "clientId", clientId))
            .path("id")
            .asText();
    ekmKeyId = newEkmKey("orders");
    var kmsConfig =
        KmsConfig.builder(kmsDir)
            .api(loopback(0))
            .admin(loopback(0))
            .ekm(
                new KmsConfig.Ekm(
                    null, null, List.of(identityDir.resolve("tls/ca.pem").toString())))
            .sweepIntervalSeconds(1)
            .egress(KmsConfig.Egress.loopbackOnly())
            .build();
    KmsInit.run(kmsConfig, Map.of(), null);
    kms = KmsLauncher.start(kmsConfig, Map.of(), routing -> {});
    ociConfig = newUser("app", "manage");
  }

  /** A new key in the EKM vault. */
  public String newEkmKey(String name) throws Exception {
    return ekmAdmin
        .post("/admin/v1/vaults/" + ekmVaultId + "/keys", Map.of("name", name))
        .path("id")
        .asText();
  }

  /** Runs an admin action (rotate, enable, disable) on an EKM key. */
  public void ekmKeyAction(String keyId, String action) throws Exception {
    ekmAdmin.post("/admin/v1/vaults/" + ekmVaultId + "/keys/" + keyId + "/" + action, Map.of());
  }

  /**
   * A KMS user with an API key and one grant, written as profile {@code ekms} of a new OCI config
   * file (with a {@code DEFAULT} section it inherits the tenancy from); returns the file.
   */
  public Path newUser(String name, String permission) throws Exception {
    var admin = new AdminJson(kms.adminPort(), kmsDir);
    String userId =
        admin
            .post("/admin/v1/users", Map.of("tenancyId", TENANCY, "name", name))
            .path("id")
            .asText();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    String fingerprint =
        admin
            .post(
                "/admin/v1/users/" + userId + "/apiKeys",
                Map.of("publicKey", PemWriter.encode(pair.getPublic())))
            .path("fingerprint")
            .asText();
    admin.post(
        "/admin/v1/users/" + userId + "/grants",
        Map.of("compartmentId", COMPARTMENT, "permission", permission));
    Path dir = Files.createDirectories(userDir.resolve(name));
    SecretFiles.write(dir.resolve("key.pem"), PemWriter.encode(pair.getPrivate()));
    Path config = dir.resolve("config");
    Files.writeString(
        config,
        String.join(
            "\n",
            "# written by SdkStack",
            "[DEFAULT]",
            "tenancy=" + TENANCY,
            "region=local",
            "",
            "[ekms]",
            "user = " + userId,
            "fingerprint=" + fingerprint,
            "key_file=key.pem",
            ""));
    return config;
  }

  public KmsClient client(Path config) throws Exception {
    return KmsClient.builder()
        .endpoint(kms.baseUrl())
        .profile(config, "ekms")
        .trust(kmsDir.resolve("tls/ca.pem"))
        .build();
  }

  public String ekmCaPem() throws Exception {
    return Files.readString(ekmDir.resolve("tls/ca.pem"));
  }

  public String ekmVaultUrl() {
    return "https://127.0.0.1:" + ekmPort + "/oci/ekm/v1/vaults/" + ekmVaultId;
  }

  private static Listener loopback(int port) {
    return new Listener("127.0.0.1", port);
  }

  private static int freePort() throws Exception {
    try (var s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  void close() {
    kms.close();
    ekm.close();
    identity.close();
  }
}
