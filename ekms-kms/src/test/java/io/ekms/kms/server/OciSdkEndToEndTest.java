package io.ekms.kms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oracle.bmc.keymanagement.KmsCryptoClient;
import com.oracle.bmc.keymanagement.KmsManagementClient;
import com.oracle.bmc.keymanagement.model.CreateEkmsPrivateEndpointDetails;
import com.oracle.bmc.keymanagement.model.CreateKeyDetails;
import com.oracle.bmc.keymanagement.model.CreateVaultDetails;
import com.oracle.bmc.keymanagement.model.DecryptDataDetails;
import com.oracle.bmc.keymanagement.model.EncryptDataDetails;
import com.oracle.bmc.keymanagement.model.ExternalKeyManagerMetadata;
import com.oracle.bmc.keymanagement.model.ExternalKeyReference;
import com.oracle.bmc.keymanagement.model.GenerateKeyDetails;
import com.oracle.bmc.keymanagement.model.Key;
import com.oracle.bmc.keymanagement.model.KeyShape;
import com.oracle.bmc.keymanagement.model.OauthMetadata;
import com.oracle.bmc.keymanagement.model.Vault;
import com.oracle.bmc.keymanagement.requests.CreateEkmsPrivateEndpointRequest;
import com.oracle.bmc.keymanagement.requests.CreateKeyRequest;
import com.oracle.bmc.keymanagement.requests.CreateVaultRequest;
import com.oracle.bmc.keymanagement.requests.DecryptRequest;
import com.oracle.bmc.keymanagement.requests.EncryptRequest;
import com.oracle.bmc.keymanagement.requests.GenerateDataEncryptionKeyRequest;
import com.oracle.bmc.model.BmcException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compatibility test: code written for OCI KMS, using the official OCI Java SDK, works against
 * ekms by changing only the endpoint. Identity, EKM and KMS run over HTTPS on loopback.
 */
class OciSdkEndToEndTest {
  static KmsStack stack;
  static OciSdk sdk;
  static Vault vault;
  static KmsManagementClient management;
  static KmsCryptoClient crypto;

  @BeforeAll
  static void start() throws Exception {
    stack = new KmsStack();
    sdk =
        new OciSdk(
            KmsStack.TENANCY,
            stack.userId,
            stack.fingerprint,
            stack.userKey,
            stack.kmsDir.resolve("tls/ca.pem"));
    var endpoint =
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
    vault =
        sdk.vaults(stack.kms.baseUrl())
            .createVault(
                CreateVaultRequest.builder()
                    .createVaultDetails(
                        CreateVaultDetails.builder()
                            .compartmentId(KmsStack.COMPARTMENT)
                            .displayName("external")
                            .vaultType(CreateVaultDetails.VaultType.External)
                            .externalKeyManagerMetadata(
                                ExternalKeyManagerMetadata.builder()
                                    .externalVaultEndpointUrl(stack.ekmVaultUrl())
                                    .privateEndpointId(endpoint.getId())
                                    .oauthMetadata(
                                        OauthMetadata.builder()
                                            .idcsAccountNameUrl(stack.identityUrl())
                                            .clientAppId(KmsStack.CLIENT)
                                            .clientAppSecret(stack.clientSecret)
                                            .build())
                                    .build())
                            .build())
                    .build())
            .getVault();
    management = sdk.management(vault.getManagementEndpoint());
    crypto = sdk.crypto(vault.getCryptoEndpoint());
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  static Key newKey(String name) {
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
                            ExternalKeyReference.builder().externalKeyId(stack.ekmKeyId).build())
                        .build())
                .build())
        .getKey();
  }

  static String encrypt(String keyId, String text, Map<String, String> aad) {
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

  static String decrypt(String keyId, String ciphertext, Map<String, String> aad) {
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

  @Test
  void createVault_external_showsEkmMetadataWithoutTheSecret() {
    assertThat(vault.getVaultType()).isEqualTo(Vault.VaultType.External);
    assertThat(vault.getLifecycleState()).isEqualTo(Vault.LifecycleState.Active);
    var meta = vault.getExternalKeyManagerMetadataSummary();
    assertThat(meta.getVendor()).isEqualTo("ekms");
    assertThat(meta.getOauthMetadataSummary().getClientAppId()).isEqualTo(KmsStack.CLIENT);
    assertThat(vault.toString()).doesNotContain(stack.clientSecret);
  }

  @Test
  void createKey_external_recordsTheEkmCurrentVersion() {
    Key key = newKey("orders");
    assertThat(key.getProtectionMode()).isEqualTo(Key.ProtectionMode.External);
    assertThat(key.getLifecycleState()).isEqualTo(Key.LifecycleState.Enabled);
    assertThat(key.getExternalKeyReferenceDetails().getExternalKeyId()).isEqualTo(stack.ekmKeyId);
    assertThat(key.getExternalKeyReferenceDetails().getExternalKeyVersionId()).startsWith("kv-");
    assertThat(key.getCurrentKeyVersion()).startsWith("ocid1.keyversion.");
  }

  @Test
  void encryptDecrypt_withAndWithoutAssociatedData_roundTrips() {
    Key key = newKey("round-trip");
    assertThat(decrypt(key.getId(), encrypt(key.getId(), "hello", null), null)).isEqualTo("hello");
    Map<String, String> aad = Map.of("tenant", "acme", "purpose", "backup");
    assertThat(decrypt(key.getId(), encrypt(key.getId(), "with aad", aad), aad))
        .isEqualTo("with aad");
  }

  @Test
  void decrypt_wrongAssociatedData_fails400() {
    Key key = newKey("aad");
    String ct = encrypt(key.getId(), "bound", Map.of("a", "1"));
    assertThatThrownBy(() -> decrypt(key.getId(), ct, Map.of("a", "2")))
        .isInstanceOfSatisfying(
            BmcException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
  }

  @Test
  void generateDataEncryptionKey_withAndWithoutPlaintext() {
    Key key = newKey("dek");
    var with =
        crypto
            .generateDataEncryptionKey(
                GenerateDataEncryptionKeyRequest.builder()
                    .generateKeyDetails(
                        GenerateKeyDetails.builder()
                            .keyId(key.getId())
                            .keyShape(
                                KeyShape.builder()
                                    .algorithm(KeyShape.Algorithm.Aes)
                                    .length(32)
                                    .build())
                            .includePlaintextKey(true)
                            .build())
                    .build())
            .getGeneratedKey();
    assertThat(Base64.getDecoder().decode(with.getPlaintext())).hasSize(32);
    assertThat(with.getPlaintextChecksum()).isNotBlank();
    var unwrapped =
        crypto
            .decrypt(
                DecryptRequest.builder()
                    .decryptDataDetails(
                        DecryptDataDetails.builder()
                            .keyId(key.getId())
                            .ciphertext(with.getCiphertext())
                            .build())
                    .build())
            .getDecryptedData();
    assertThat(unwrapped.getPlaintext()).isEqualTo(with.getPlaintext());
    var without =
        crypto
            .generateDataEncryptionKey(
                GenerateDataEncryptionKeyRequest.builder()
                    .generateKeyDetails(
                        GenerateKeyDetails.builder()
                            .keyId(key.getId())
                            .keyShape(
                                KeyShape.builder()
                                    .algorithm(KeyShape.Algorithm.Aes)
                                    .length(16)
                                    .build())
                            .includePlaintextKey(false)
                            .build())
                    .build())
            .getGeneratedKey();
    assertThat(without.getPlaintext()).isNull();
    assertThat(without.getCiphertext()).isNotBlank();
  }
}
