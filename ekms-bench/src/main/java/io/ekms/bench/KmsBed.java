package io.ekms.bench;

import io.ekms.core.http.Listener;
import io.ekms.core.tls.PemWriter;
import io.ekms.kms.server.KmsConfig;
import io.ekms.kms.server.KmsInit;
import io.ekms.kms.server.KmsLauncher;
import io.ekms.kms.server.KmsServer;
import io.ekms.sdk.ApiKey;
import io.ekms.sdk.KmsClient;
import io.ekms.sdk.model.Key;
import io.ekms.sdk.model.PrivateEndpoint;
import io.ekms.sdk.model.Vault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;

/**
 * A KMS with embedded defaults in front of an {@link EkmBed}: a user with an RSA API key and {@code
 * manage} in one compartment, and, made through the SDK's {@link KmsClient}, a private endpoint to
 * the EKM, an external vault bound to the EKM vault and a key referring to the EKM key. What the
 * end-to-end scenarios (application → KMS → EKM) drive.
 */
final class KmsBed implements AutoCloseable {
  static final String TENANCY = "ocid1.tenancy.oc1..aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  static final String COMPARTMENT = "ocid1.compartment.oc1..bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
  final KmsServer kms;
  final Path kmsDir;
  final ApiKey apiKey;
  final KmsClient client;
  final Vault vault;
  final Key key;

  KmsBed(EkmBed ekm) throws Exception {
    kmsDir = ekm.dir.resolve("kms");
    KmsConfig config =
        KmsConfig.builder(kmsDir)
            .api(new Listener("127.0.0.1", 0))
            .admin(new Listener("127.0.0.1", 0))
            .ekm(
                new KmsConfig.Ekm(
                    null, null, List.of(ekm.dir.resolve("identity/tls/ca.pem").toString())))
            .egress(KmsConfig.Egress.loopbackOnly()) // the bed's EKM and identity are on loopback
            .rateLimit(new KmsConfig.RateLimit(0, 0))
            .build();
    KmsInit.run(config, Map.of(), null);
    kms = KmsLauncher.start(config, Map.of(), routing -> {});
    apiKey = newUser();
    client =
        KmsClient.builder()
            .endpoint(kms.baseUrl())
            .apiKey(apiKey)
            .trust(kmsDir.resolve("tls/ca.pem"))
            .build();
    PrivateEndpoint endpoint =
        client.createPrivateEndpoint(
            new PrivateEndpoint.Create(
                COMPARTMENT,
                "ekm",
                "ocid1.subnet.oc1..s",
                "127.0.0.1",
                ekm.ekm.apiPort(),
                ekm.ekmCa()));
    String vaultUrl =
        "https://127.0.0.1:" + ekm.ekm.apiPort() + "/oci/ekm/v1/vaults/" + ekm.vaultId;
    vault =
        client.createVault(
            Vault.Create.external(
                COMPARTMENT,
                "bench",
                new Vault.Metadata(
                    vaultUrl,
                    endpoint.id(),
                    new Vault.Oauth(ekm.identity.issuer(), ekm.clientId, ekm.clientSecret))));
    key =
        client
            .management(vault.id())
            .createKey(Key.Create.external(COMPARTMENT, "bench", ekm.keyId));
  }

  /** A user with a new RSA-2048 API key and {@code manage} in the compartment. */
  private ApiKey newUser() throws Exception {
    String userId =
        admin("/admin/v1/users", Map.of("tenancyId", TENANCY, "name", "bench")).path("id").asText();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    String fingerprint =
        admin(
                "/admin/v1/users/" + userId + "/apiKeys",
                Map.of("publicKey", PemWriter.encode(pair.getPublic())))
            .path("fingerprint")
            .asText();
    admin(
        "/admin/v1/users/" + userId + "/grants",
        Map.of("compartmentId", COMPARTMENT, "permission", "manage"));
    return new ApiKey(TENANCY, userId, fingerprint, pair.getPrivate());
  }

  private com.fasterxml.jackson.databind.JsonNode admin(String path, Object body) throws Exception {
    return EkmBed.admin(
        Files.readString(kmsDir.resolve("tls/ca.pem")),
        kms.adminPort(),
        kmsDir,
        "POST",
        path,
        body);
  }

  /** The crypto API's URL for {@code operation} (encrypt, decrypt, generateDataEncryptionKey). */
  String cryptoUrl(String operation) {
    return vault.cryptoEndpoint() + "/20180608/" + operation;
  }

  @Override
  public void close() {
    kms.close();
  }
}
