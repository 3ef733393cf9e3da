package io.ekms.kms.server;

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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A {@link KmsStack} reached through the OCI Java SDK: a private endpoint, an EXTERNAL vault bound
 * to the EKM vault, and its management and crypto clients.
 */
final class SdkWorld implements AutoCloseable {
  final KmsStack stack;
  final OciSdk sdk;
  final EkmsPrivateEndpoint endpoint;
  final KmsVaultClient vaults;
  final Vault vault;
  final KmsManagementClient management;
  final KmsCryptoClient crypto;

  SdkWorld() throws Exception {
    stack = new KmsStack();
    sdk =
        new OciSdk(
            KmsStack.TENANCY,
            stack.userId,
            stack.fingerprint,
            stack.userKey,
            stack.kmsDir.resolve("tls/ca.pem"));
    endpoint =
        sdk.ekm(stack.kms.baseUrl())
            .createEkmsPrivateEndpoint(
                CreateEkmsPrivateEndpointRequest.builder()
                    .createEkmsPrivateEndpointDetails(
                        CreateEkmsPrivateEndpointDetails.builder()
                            .compartmentId(KmsStack.COMPARTMENT)
                            .displayName("ekm")
                            .subnetId("ocid1.subnet.oc1..s")
                            .externalKeyManagerIp("127.0.0.1")
                            .port(stack.ekmPort)
                            .caBundle(stack.ekmCaPem())
                            .build())
                    .build())
            .getEkmsPrivateEndpoint();
    vaults = sdk.vaults(stack.kms.baseUrl());
    vault =
        vaults
            .createVault(
                CreateVaultRequest.builder()
                    .createVaultDetails(
                        CreateVaultDetails.builder()
                            .compartmentId(KmsStack.COMPARTMENT)
                            .displayName("external")
                            .vaultType(CreateVaultDetails.VaultType.External)
                            .externalKeyManagerMetadata(
                                metadata(endpoint.getId(), stack.clientSecret))
                            .build())
                    .build())
            .getVault();
    management = sdk.management(vault.getManagementEndpoint());
    crypto = sdk.crypto(vault.getCryptoEndpoint());
  }

  ExternalKeyManagerMetadata metadata(String endpointId, String secret) {
    return ExternalKeyManagerMetadata.builder()
        .externalVaultEndpointUrl(stack.ekmVaultUrl())
        .privateEndpointId(endpointId)
        .oauthMetadata(
            OauthMetadata.builder()
                .idcsAccountNameUrl(stack.identityUrl())
                .clientAppId(stack.clientId)
                .clientAppSecret(secret)
                .build())
        .build();
  }

  Key newKey(String name) {
    return newKey(name, stack.ekmKeyId);
  }

  Key newKey(String name, String externalKeyId) {
    return management
        .createKey(
            CreateKeyRequest.builder()
                .createKeyDetails(
                    CreateKeyDetails.builder()
                        .compartmentId(KmsStack.COMPARTMENT)
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
