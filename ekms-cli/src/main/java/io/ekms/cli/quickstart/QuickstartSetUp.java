package io.ekms.cli.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.core.crypto.Randoms;
import io.ekms.core.tls.PemWriter;
import io.ekms.sdk.KmsClient;
import io.ekms.sdk.model.Key;
import io.ekms.sdk.model.PrivateEndpoint;
import io.ekms.sdk.model.Vault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * First run: the resources of the story, created through the servers' admin APIs and, on the KMS
 * side, through {@link KmsClient} signed with the new user's API key. Returns what {@code
 * quickstart.json} records.
 */
final class QuickstartSetUp {
  static final String TENANCY = "ocid1.tenancy.oc1..quickstart";
  static final String COMPARTMENT = "ocid1.compartment.oc1..quickstart";
  static final String PROFILE = "DEFAULT";
  static final String XKS_PREFIX = "xks/quickstart";
  static final String XKS_KEY = "quickstart-key";
  private final QuickstartStack stack;
  private final AdminApis admin;
  private final Steps steps;
  private String clientId;
  private String clientSecret;
  private String issuerId;
  private String ekmVaultId;
  private String ekmKeyId;

  /**
   * Suffix of this set-up's names, which the servers keep unique: a run that failed half-way leaves
   * its resources behind, and the next one must not stumble over them.
   */
  private final String tag = Randoms.hex(3);

  QuickstartSetUp(QuickstartStack stack, AdminApis admin, Steps steps) {
    this.stack = stack;
    this.admin = admin;
    this.steps = steps;
  }

  QuickstartFile run() throws Exception {
    steps.run("Register the KMS's OAuth client in identity", this::registerClient);
    steps.run("Trust the identity server in the EKM", this::trustIssuer);
    steps.run("Create an EKM vault and an AES-256 key", this::createEkmVaultAndKey);
    Path ociConfig = stack.dataDir.resolve("kms-user/config");
    steps.run("Create a KMS user with an API key (OCI config file)", () -> newUser(ociConfig));
    KmsClient kms = QuickstartStory.client(stack, ociConfig);
    PrivateEndpoint endpoint =
        kms.createPrivateEndpoint(
            new PrivateEndpoint.Create(
                COMPARTMENT,
                "quickstart-ekm",
                "ocid1.subnet.oc1..quickstart",
                "127.0.0.1",
                stack.ekm.apiPort(),
                Files.readString(stack.caFile)));
    steps.run("Create the KMS private endpoint to the EKM", endpoint::id);
    Vault vault =
        kms.createVault(
            Vault.Create.external(
                COMPARTMENT,
                "quickstart",
                new Vault.Metadata(
                    stack.ekmUrl() + "/oci/ekm/v1/vaults/" + ekmVaultId,
                    endpoint.id(),
                    new Vault.Oauth(stack.identity.issuer(), clientId, clientSecret))));
    clientSecret = null;
    steps.run("Create the KMS external vault", vault::id);
    Key key =
        kms.management(vault.id())
            .createKey(Key.Create.external(COMPARTMENT, "quickstart", ekmKeyId));
    steps.run("Create the KMS external key reference", key::id);
    String akid = io.ekms.cli.XksCommands.newAccessKeyId();
    String secret = Base64.getEncoder().encodeToString(Randoms.bytes(32));
    steps.run("Set up an XKS key store on the EKM", () -> xksStore(akid, secret));
    return new QuickstartFile(
        stack.caFile.toString(),
        new QuickstartFile.Kms(
            stack.kms.baseUrl(),
            ociConfig.toString(),
            PROFILE,
            COMPARTMENT,
            vault.id(),
            key.id(),
            endpoint.id()),
        new QuickstartFile.Ekm(
            stack.ekmUrl(),
            stack.ekmAdminUrl(),
            stack.dataDir.resolve("ekm/admin.token").toString(),
            ekmVaultId,
            ekmKeyId),
        new QuickstartFile.Identity(stack.identity.issuer()),
        new QuickstartFile.Xks(
            "127.0.0.1:" + stack.ekm.xksPort(), XKS_PREFIX, akid, secret, XKS_KEY));
  }

  private String registerClient() throws Exception {
    JsonNode client =
        admin.identity(
            "POST",
            "/admin/v1/identity/clients",
            Map.of(
                "name",
                "kms-" + tag,
                "audiences",
                List.of(stack.ekmConfig.audience()),
                "scopes",
                List.of("oci_ekms")));
    clientId = client.path("id").asText();
    clientSecret = client.path("clientSecret").asText();
    return clientId;
  }

  private String trustIssuer() throws Exception {
    String issuer = stack.identity.issuer();
    for (JsonNode known : admin.ekm("GET", "/admin/v1/issuers", null).path("items")) {
      if (issuer.equals(known.path("issuer").asText())) {
        issuerId = known.path("id").asText();
        return issuerId + " (" + issuer + ", trusted already)";
      }
    }
    issuerId =
        admin
            .ekm(
                "POST",
                "/admin/v1/issuers",
                Map.of(
                    "issuer",
                    issuer,
                    "discoveryUrl",
                    issuer + "/.well-known/openid-configuration",
                    "caBundle",
                    Files.readString(stack.caFile)))
            .path("id")
            .asText();
    return issuerId + " (" + issuer + ")";
  }

  private String createEkmVaultAndKey() throws Exception {
    ekmVaultId =
        admin
            .ekm(
                "POST",
                "/admin/v1/vaults",
                Map.of("name", "quickstart-" + tag, "issuerId", issuerId, "clientId", clientId))
            .path("id")
            .asText();
    ekmKeyId =
        admin
            .ekm("POST", "/admin/v1/vaults/" + ekmVaultId + "/keys", Map.of("name", "quickstart"))
            .path("id")
            .asText();
    return ekmVaultId + ", " + ekmKeyId;
  }

  private String newUser(Path config) throws Exception {
    String userId =
        admin
            .kms(
                "POST",
                "/admin/v1/users",
                Map.of("tenancyId", TENANCY, "name", "quickstart-" + tag))
            .path("id")
            .asText();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    String fingerprint =
        admin
            .kms(
                "POST",
                "/admin/v1/users/" + userId + "/apiKeys",
                Map.of("publicKey", PemWriter.encode(pair.getPublic())))
            .path("fingerprint")
            .asText();
    admin.kms(
        "POST",
        "/admin/v1/users/" + userId + "/grants",
        Map.of("compartmentId", COMPARTMENT, "permission", "manage"));
    Files.createDirectories(config.getParent());
    Path keyFile = config.resolveSibling("key.pem");
    Files.deleteIfExists(keyFile);
    Files.createFile(
        keyFile,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(keyFile, PemWriter.encode(pair.getPrivate()));
    Files.writeString(
        config,
        String.join(
            "\n",
            "# written by ekms quickstart: the KMS user's API key",
            "[" + PROFILE + "]",
            "user=" + userId,
            "fingerprint=" + fingerprint,
            "key_file=" + keyFile,
            "tenancy=" + TENANCY,
            "region=local",
            ""));
    return userId + " (" + config + ")";
  }

  private String xksStore(String akid, String secret) throws Exception {
    String storeId = null;
    for (JsonNode known : admin.ekm("GET", "/admin/v1/xks/keystores", null).path("items")) {
      if (XKS_PREFIX.equals(known.path("uriPrefix").asText())) {
        storeId = known.path("id").asText();
      }
    }
    storeId =
        storeId != null
            ? storeId
            : admin
                .ekm(
                    "POST",
                    "/admin/v1/xks/keystores",
                    Map.of(
                        "name", "quickstart-" + tag, "uriPrefix", XKS_PREFIX, "ratePerSecond", 0))
                .path("id")
                .asText();
    String store = "/admin/v1/xks/keystores/" + storeId;
    admin.ekm(
        "POST", store + "/credentials", Map.of("accessKeyId", akid, "secretAccessKey", secret));
    admin.ekm(
        "PUT",
        store + "/keys/" + XKS_KEY,
        Map.of("vaultId", ekmVaultId, "keyId", ekmKeyId, "usage", "ENCRYPT_DECRYPT"));
    return storeId + " at /" + XKS_PREFIX + ", key " + XKS_KEY + " -> " + ekmKeyId;
  }
}
