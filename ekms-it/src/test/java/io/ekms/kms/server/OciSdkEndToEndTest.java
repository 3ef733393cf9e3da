package io.ekms.kms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oracle.bmc.keymanagement.model.DecryptDataDetails;
import com.oracle.bmc.keymanagement.model.GenerateKeyDetails;
import com.oracle.bmc.keymanagement.model.Key;
import com.oracle.bmc.keymanagement.model.KeyShape;
import com.oracle.bmc.keymanagement.model.Vault;
import com.oracle.bmc.keymanagement.requests.DecryptRequest;
import com.oracle.bmc.keymanagement.requests.GenerateDataEncryptionKeyRequest;
import com.oracle.bmc.model.BmcException;
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
  static SdkWorld w;

  @BeforeAll
  static void start() throws Exception {
    w = new SdkWorld();
  }

  @AfterAll
  static void stop() {
    w.close();
  }

  @Test
  void createVault_external_showsEkmMetadataWithoutTheSecret() {
    assertThat(w.vault.getVaultType()).isEqualTo(Vault.VaultType.External);
    assertThat(w.vault.getLifecycleState()).isEqualTo(Vault.LifecycleState.Active);
    var meta = w.vault.getExternalKeyManagerMetadataSummary();
    assertThat(meta.getVendor()).isEqualTo("ekms");
    assertThat(meta.getOauthMetadataSummary().getClientAppId()).isEqualTo(w.clientId);
    assertThat(w.vault.toString()).doesNotContain(w.clientSecret);
  }

  @Test
  void createKey_external_recordsTheEkmCurrentVersion() {
    Key key = w.newKey("orders");
    assertThat(key.getProtectionMode()).isEqualTo(Key.ProtectionMode.External);
    assertThat(key.getLifecycleState()).isEqualTo(Key.LifecycleState.Enabled);
    assertThat(key.getExternalKeyReferenceDetails().getExternalKeyId()).isEqualTo(w.ekmKeyId);
    assertThat(key.getExternalKeyReferenceDetails().getExternalKeyVersionId()).startsWith("kv-");
    assertThat(key.getCurrentKeyVersion()).startsWith("ocid1.keyversion.");
  }

  @Test
  void encryptDecrypt_withAndWithoutAssociatedData_roundTrips() {
    Key key = w.newKey("round-trip");
    assertThat(w.decrypt(key.getId(), w.encrypt(key.getId(), "hello", null), null))
        .isEqualTo("hello");
    Map<String, String> aad = Map.of("tenant", "acme", "purpose", "backup");
    assertThat(w.decrypt(key.getId(), w.encrypt(key.getId(), "with aad", aad), aad))
        .isEqualTo("with aad");
  }

  @Test
  void decrypt_wrongAssociatedData_fails400() {
    Key key = w.newKey("aad");
    String ct = w.encrypt(key.getId(), "bound", Map.of("a", "1"));
    assertThatThrownBy(() -> w.decrypt(key.getId(), ct, Map.of("a", "2")))
        .isInstanceOfSatisfying(
            BmcException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
  }

  @Test
  void generateDataEncryptionKey_withAndWithoutPlaintext() {
    Key key = w.newKey("dek");
    var with =
        w.crypto
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
        w.crypto
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
        w.crypto
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
