package io.ekms.kms.server;

import com.oracle.bmc.keymanagement.KmsCryptoClient;
import com.oracle.bmc.keymanagement.model.CreateVaultDetails;
import com.oracle.bmc.keymanagement.model.EncryptDataDetails;
import com.oracle.bmc.keymanagement.model.ExternalKeyManagerMetadata;
import com.oracle.bmc.keymanagement.model.OauthMetadata;
import com.oracle.bmc.keymanagement.requests.CreateVaultRequest;
import com.oracle.bmc.keymanagement.requests.EncryptRequest;
import io.ekms.admin.client.IdentityAdmin;
import io.ekms.common.secret.WireSecret;
import io.ekms.core.tls.LocalCa;
import io.ekms.core.tls.PemWriter;
import io.ekms.core.tls.ServerIdentity;
import io.ekms.ekm.server.EkmConfig;
import io.ekms.sdk.ApiKey;
import io.ekms.sdk.KmsClient;
import io.ekms.sdk.model.PrivateEndpoint;
import io.ekms.stack.LoopbackStack;
import io.ekms.stack.StackUsers;
import io.ekms.testing.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A {@link LoopbackStack} whose EKM requires client certificates from {@link #kmsCa} on its API
 * listener ({@code tls.clientCaFile}), with a private endpoint holding a certificate of that CA
 * (set through the ekms SDK, since the OCI SDK's model has no field for it), an EXTERNAL vault and
 * a key made through the OCI SDK, and the OCI SDK's crypto client for them.
 */
final class MutualTlsWorld implements AutoCloseable {
  static final String TENANCY = SdkWorld.TENANCY;
  static final String COMPARTMENT = SdkWorld.COMPARTMENT;
  final LocalCa kmsCa = LocalCa.create("kms clients");
  final LocalCa otherCa = LocalCa.create("someone else's clients");
  final LoopbackStack stack;
  final String clientId;
  final String clientSecret;
  final String ekmVaultId;
  final String ekmKeyId;
  final KmsClient ekms;
  final String endpointId;
  final OciSdk sdk;
  final com.oracle.bmc.keymanagement.model.Vault vault;
  final KmsCryptoClient crypto;
  final String keyId;

  MutualTlsWorld() throws Exception {
    Path dir = TempDirs.create("kms-mtls-");
    Path clientCa = dir.resolve("kms-client-ca.pem");
    Files.writeString(clientCa, kmsCa.certificatePem());
    Path ekmTls = dir.resolve("stack/ekm/tls").toAbsolutePath();
    EkmConfig.TlsFiles tls =
        new EkmConfig.TlsFiles(
            ekmTls.resolve("server.pem").toString(),
            ekmTls.resolve("server-key.pem").toString(),
            clientCa.toString());
    stack = LoopbackStack.builder(dir.resolve("stack")).ekm(e -> e.tls(tls)).start();
    IdentityAdmin.Client client =
        stack
            .identityAdmin()
            .createClient("kms", List.of(stack.ekmAudience()), List.of("oci_ekms"));
    clientId = client.id();
    clientSecret = client.secret();
    String caPem = Files.readString(stack.caFile());
    String issuerId = stack.ekmAdmin().trustIssuer(stack.identity().issuer(), caPem);
    ekmVaultId = stack.ekmAdmin().createVault("payments", issuerId, clientId);
    ekmKeyId = stack.ekmAdmin().createKey(ekmVaultId, "orders");
    ApiKey user = StackUsers.create(stack, "app", TENANCY, COMPARTMENT, "manage");
    ekms =
        KmsClient.builder()
            .endpoint(stack.kms().baseUrl())
            .apiKey(user)
            .trust(stack.caFile())
            .build();
    ServerIdentity first = client(kmsCa);
    try (WireSecret key = WireSecret.of(keyPem(first))) {
      endpointId =
          ekms.createPrivateEndpoint(
                  new PrivateEndpoint.Create(
                      COMPARTMENT,
                      "ekm",
                      "ocid1.subnet.oc1..s",
                      "127.0.0.1",
                      stack.ekm().apiPort(),
                      caPem,
                      null,
                      chainPem(first),
                      key))
              .id();
    }
    sdk = new OciSdk(TENANCY, user.userId(), user.fingerprint(), user.privateKey(), stack.caFile());
    vault =
        sdk.vaults(stack.kms().baseUrl())
            .createVault(
                CreateVaultRequest.builder()
                    .createVaultDetails(
                        CreateVaultDetails.builder()
                            .compartmentId(COMPARTMENT)
                            .displayName("external")
                            .vaultType(CreateVaultDetails.VaultType.External)
                            .externalKeyManagerMetadata(metadata())
                            .build())
                    .build())
            .getVault();
    crypto = sdk.crypto(vault.getCryptoEndpoint());
    keyId = SdkKeys.create(sdk.management(vault.getManagementEndpoint()), COMPARTMENT, ekmKeyId);
  }

  /** A client certificate of {@code ca}, valid from an hour ago for 30 days. */
  static ServerIdentity client(LocalCa ca) {
    return ca.issueClient("ekms-kms", Duration.ofDays(30));
  }

  static String chainPem(ServerIdentity identity) {
    return PemWriter.encode(identity.chain().toArray());
  }

  static String keyPem(ServerIdentity identity) {
    return PemWriter.encode(identity.privateKey());
  }

  /** Replaces the endpoint's client certificate with {@code identity}'s (null: removes it). */
  PrivateEndpoint present(ServerIdentity identity) {
    try (WireSecret key = WireSecret.of(identity == null ? "" : keyPem(identity))) {
      return ekms.updatePrivateEndpoint(
          endpointId,
          new PrivateEndpoint.Update(null, identity == null ? "" : chainPem(identity), key));
    }
  }

  /** Encrypts through the OCI SDK: every call goes to the EKM. */
  String encrypt(String plaintext) {
    return crypto
        .encrypt(
            EncryptRequest.builder()
                .encryptDataDetails(
                    EncryptDataDetails.builder()
                        .keyId(keyId)
                        .plaintext(SdkWorld.b64(plaintext))
                        .build())
                .build())
        .getEncryptedData()
        .getCiphertext();
  }

  String ekmVaultUrl() {
    return "https://127.0.0.1:" + stack.ekm().apiPort() + "/oci/ekm/v1/vaults/" + ekmVaultId;
  }

  private ExternalKeyManagerMetadata metadata() {
    return ExternalKeyManagerMetadata.builder()
        .externalVaultEndpointUrl(ekmVaultUrl())
        .privateEndpointId(endpointId)
        .oauthMetadata(
            OauthMetadata.builder()
                .idcsAccountNameUrl(stack.identity().issuer())
                .clientAppId(clientId)
                .clientAppSecret(clientSecret)
                .build())
        .build();
  }

  @Override
  public void close() {
    stack.close();
  }
}
