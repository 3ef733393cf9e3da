package io.ekms.kms.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.oracle.bmc.keymanagement.KmsCryptoClient;
import com.oracle.bmc.keymanagement.KmsManagementClient;
import com.oracle.bmc.keymanagement.KmsVaultClient;
import com.oracle.bmc.keymanagement.model.CreateEkmsPrivateEndpointDetails;
import com.oracle.bmc.keymanagement.model.CreateKeyDetails;
import com.oracle.bmc.keymanagement.model.CreateVaultDetails;
import com.oracle.bmc.keymanagement.model.DecryptDataDetails;
import com.oracle.bmc.keymanagement.model.EkmsPrivateEndpoint;
import com.oracle.bmc.keymanagement.model.EncryptDataDetails;
import com.oracle.bmc.keymanagement.model.ExternalKeyManagerMetadata;
import com.oracle.bmc.keymanagement.model.ExternalKeyReference;
import com.oracle.bmc.keymanagement.model.Key;
import com.oracle.bmc.keymanagement.model.KeyShape;
import com.oracle.bmc.keymanagement.model.OauthMetadata;
import com.oracle.bmc.keymanagement.model.Vault;
import com.oracle.bmc.keymanagement.requests.CreateEkmsPrivateEndpointRequest;
import com.oracle.bmc.keymanagement.requests.CreateKeyRequest;
import com.oracle.bmc.keymanagement.requests.CreateVaultRequest;
import com.oracle.bmc.keymanagement.requests.DecryptRequest;
import com.oracle.bmc.keymanagement.requests.EncryptRequest;
import io.ekms.admin.client.EkmAdmin;
import io.ekms.admin.client.IdentityAdmin;
import io.ekms.kms.ekmclient.EkmClients;
import io.ekms.sdk.ApiKey;
import io.ekms.stack.LoopbackStack;
import io.ekms.stack.StackUsers;
import io.ekms.testing.TempDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A {@link LoopbackStack} (deletion sweep every second) reached through the OCI Java SDK: an OAuth
 * client for the KMS (in the stack's identity server, or in another server an {@link OAuthSource}
 * sets up, such as Keycloak), an EKM vault bound to it with one key, a user with {@code manage} in
 * {@link #COMPARTMENT}, and, made through the SDK, a private endpoint, an EXTERNAL vault bound to
 * the EKM vault, and its management and crypto clients. Each world has a stack of its own, so a
 * test may stop its EKM or block its vault.
 */
final class SdkWorld implements AutoCloseable {
  /**
   * The KMS's OAuth client: the vault's {@code idcsAccountNameUrl}, the {@code iss} of its tokens
   * (which the EKM trusts by discovery, with the stack's CA), and the client's id and secret.
   */
  record OAuthIdentity(String url, String issuer, String clientId, String clientSecret) {
    @Override
    public String toString() {
      return "OAuthIdentity[" + url + ", " + clientId + "]";
    }
  }

  /** Makes the KMS's OAuth client once the stack runs (its EKM audience is known then). */
  @FunctionalInterface
  interface OAuthSource {
    OAuthIdentity create(LoopbackStack stack) throws Exception;
  }

  static final String TENANCY = "ocid1.tenancy.oc1..aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  static final String COMPARTMENT = "ocid1.compartment.oc1..bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
  final LoopbackStack stack;
  final int ekmPort;
  final String identityUrl;
  final String clientId;
  final String clientSecret;
  final String ekmVaultId;
  final String ekmKeyId;
  final ApiKey user;
  final OciSdk sdk;
  final EkmsPrivateEndpoint endpoint;
  final KmsVaultClient vaults;
  final Vault vault;
  final KmsManagementClient management;
  final KmsCryptoClient crypto;

  SdkWorld() throws Exception {
    this(b -> b);
  }

  /** A world whose stack is started as {@code custom} says (an EKM clock, its config). */
  SdkWorld(java.util.function.UnaryOperator<io.ekms.stack.LoopbackStackBuilder> custom)
      throws Exception {
    this(custom, TempDirs.create("kms-e2e-"), SdkWorld::stackIdentity);
  }

  /**
   * A world in {@code dataDir} (which may hold the stack's CA already, {@code tls/ca.pem} and
   * {@code ca-key.pem}) whose KMS client {@code oauth} makes.
   */
  SdkWorld(
      java.util.function.UnaryOperator<io.ekms.stack.LoopbackStackBuilder> custom,
      Path dataDir,
      OAuthSource oauth)
      throws Exception {
    stack =
        custom
            .apply(
                LoopbackStack.builder(dataDir)
                    .kms(kms -> kms.sweepIntervalSeconds(1).ekmTimeouts(10_000, 30_000)))
            .start();
    ekmPort = stack.ekm().apiPort();
    OAuthIdentity identity;
    try {
      identity = oauth.create(stack);
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
    identityUrl = identity.url();
    clientId = identity.clientId();
    clientSecret = identity.clientSecret();
    EkmAdmin ekm = stack.ekmAdmin();
    String issuerId = ekm.trustIssuer(identity.issuer(), caPem());
    ekmVaultId = ekm.createVault("payments", issuerId, clientId);
    ekmKeyId = newEkmKey("orders");
    user = newUser("app", "manage");
    sdk = new OciSdk(TENANCY, user.userId(), user.fingerprint(), user.privateKey(), stack.caFile());
    endpoint =
        sdk.ekm(stack.kms().baseUrl())
            .createEkmsPrivateEndpoint(
                CreateEkmsPrivateEndpointRequest.builder()
                    .createEkmsPrivateEndpointDetails(
                        CreateEkmsPrivateEndpointDetails.builder()
                            .compartmentId(COMPARTMENT)
                            .displayName("ekm")
                            .subnetId("ocid1.subnet.oc1..s")
                            .externalKeyManagerIp("127.0.0.1")
                            .port(ekmPort)
                            .caBundle(caPem())
                            .build())
                    .build())
            .getEkmsPrivateEndpoint();
    vaults = sdk.vaults(stack.kms().baseUrl());
    vault =
        vaults
            .createVault(
                CreateVaultRequest.builder()
                    .createVaultDetails(
                        CreateVaultDetails.builder()
                            .compartmentId(COMPARTMENT)
                            .displayName("external")
                            .vaultType(CreateVaultDetails.VaultType.External)
                            .externalKeyManagerMetadata(metadata(endpoint.getId(), clientSecret))
                            .build())
                    .build())
            .getVault();
    management = sdk.management(vault.getManagementEndpoint());
    crypto = sdk.crypto(vault.getCryptoEndpoint());
  }

  /** The KMS's client in the stack's own identity server. */
  private static OAuthIdentity stackIdentity(LoopbackStack stack) {
    IdentityAdmin.Client client =
        stack
            .identityAdmin()
            .createClient("kms", List.of(stack.ekmAudience()), List.of("oci_ekms"));
    String issuer = stack.identity().issuer();
    return new OAuthIdentity(issuer, issuer, client.id(), client.secret());
  }

  /** A new identity client that may ask for tokens for {@code audience}. */
  IdentityAdmin.Client newIdentityClient(String name, String audience) {
    return stack.identityAdmin().createClient(name, List.of(audience), List.of("oci_ekms"));
  }

  /** A new key in the EKM vault (so a test can disable or rotate it on its own). */
  String newEkmKey(String name) {
    return stack.ekmAdmin().createKey(ekmVaultId, name);
  }

  /** Runs an admin action on an EKM key: rotate, enable or disable. */
  JsonNode ekmKeyAction(String keyId, String action) {
    return stack.ekmAdmin().keyAction(ekmVaultId, keyId, action);
  }

  void ekmVaultAction(String action) {
    stack.ekmAdmin().vaultAction(ekmVaultId, action);
  }

  /** A user of {@link #TENANCY} with its own API key and one grant in {@link #COMPARTMENT}. */
  ApiKey newUser(String name, String permission) {
    return newUser(name, TENANCY, COMPARTMENT, permission);
  }

  /** A user of {@code tenancy} with its own API key and one grant, on {@code compartment}. */
  ApiKey newUser(String name, String tenancy, String compartment, String permission) {
    return StackUsers.create(stack, name, tenancy, compartment, permission);
  }

  /** How many HTTP clients the KMS's EKM client holds open (each has a selector thread). */
  int openHttpClients() {
    return ((EkmClients) stack.kms().owned()).openHttpClients();
  }

  /** The PEM of the stack's CA, which issued the EKM's certificate. */
  String caPem() throws IOException {
    return Files.readString(stack.caFile());
  }

  String ekmVaultUrl() {
    return "https://127.0.0.1:" + ekmPort + "/oci/ekm/v1/vaults/" + ekmVaultId;
  }

  String identityUrl() {
    return identityUrl;
  }

  /** The KMS's data directory. */
  Path kmsDir() {
    return stack.dataDir().resolve("kms");
  }

  ExternalKeyManagerMetadata metadata(String endpointId, String secret) {
    return ExternalKeyManagerMetadata.builder()
        .externalVaultEndpointUrl(ekmVaultUrl())
        .privateEndpointId(endpointId)
        .oauthMetadata(
            OauthMetadata.builder()
                .idcsAccountNameUrl(identityUrl())
                .clientAppId(clientId)
                .clientAppSecret(secret)
                .build())
        .build();
  }

  Key newKey(String name) {
    return newKey(name, ekmKeyId);
  }

  Key newKey(String name, String externalKeyId) {
    return newKey(management, name, externalKeyId);
  }

  /** A new key in the vault {@code vaultManagement} manages. */
  static Key newKey(KmsManagementClient vaultManagement, String name, String externalKeyId) {
    return vaultManagement
        .createKey(
            CreateKeyRequest.builder()
                .createKeyDetails(
                    CreateKeyDetails.builder()
                        .compartmentId(COMPARTMENT)
                        .displayName(name)
                        .keyShape(
                            KeyShape.builder().algorithm(KeyShape.Algorithm.Aes).length(32).build())
                        .protectionMode(CreateKeyDetails.ProtectionMode.External)
                        .externalKeyReference(
                            ExternalKeyReference.builder().externalKeyId(externalKeyId).build())
                        .build())
                .build())
        .getKey();
  }

  String encrypt(String keyId, String text, Map<String, String> aad) {
    return crypto
        .encrypt(
            EncryptRequest.builder()
                .encryptDataDetails(
                    EncryptDataDetails.builder()
                        .keyId(keyId)
                        .plaintext(b64(text))
                        .associatedData(aad)
                        .build())
                .build())
        .getEncryptedData()
        .getCiphertext();
  }

  String decrypt(String keyId, String ciphertext, Map<String, String> aad) {
    return new String(
        Base64.getDecoder()
            .decode(
                crypto
                    .decrypt(
                        DecryptRequest.builder()
                            .decryptDataDetails(
                                DecryptDataDetails.builder()
                                    .keyId(keyId)
                                    .ciphertext(ciphertext)
                                    .associatedData(aad)
                                    .build())
                            .build())
                    .getDecryptedData()
                    .getPlaintext()),
        StandardCharsets.UTF_8);
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    stack.close();
  }
}
