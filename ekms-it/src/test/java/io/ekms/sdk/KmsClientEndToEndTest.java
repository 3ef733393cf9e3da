package io.ekms.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.it.TenantWorld;
import io.ekms.sdk.model.DecryptedData;
import io.ekms.sdk.model.GeneratedKey;
import io.ekms.sdk.model.Key;
import io.ekms.sdk.model.KeyVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** KmsClient against the real identity, EKM and KMS: management, crypto and errors. */
class KmsClientEndToEndTest {
  static TenantWorld w;

  @BeforeAll
  static void start() throws Exception {
    w = new TenantWorld();
  }

  @Test
  void privateEndpoints_createdOne_isListedAndReadable() {
    assertThat(w.kms.getPrivateEndpoint(w.endpoint.id()).port()).isEqualTo(w.stack.ekm().apiPort());
    assertThat(w.kms.listPrivateEndpoints(TenantWorld.COMPARTMENT))
        .extracting(p -> p.id())
        .contains(w.endpoint.id());
  }

  @Test
  void vaults_createdOne_isExternalListedAndReadable() {
    assertThat(w.vault.vaultType()).isEqualTo("EXTERNAL");
    assertThat(w.kms.getVault(w.vault.id()).externalKeyManagerMetadataSummary().privateEndpointId())
        .isEqualTo(w.endpoint.id());
    assertThat(w.kms.listVaults(TenantWorld.COMPARTMENT))
        .extracting(v -> v.id())
        .contains(w.vault.id());
  }

  @Test
  void keys_createdOne_isEnabledListedAndReadable() {
    KmsManagement m = w.kms.management(w.vault.id());
    assertThat(w.key.protectionMode()).isEqualTo("EXTERNAL");
    assertThat(m.getKey(w.key.id()).externalKeyReferenceDetails().externalKeyId())
        .isEqualTo(w.tenant.ekmKeyId());
    assertThat(m.listKeys(TenantWorld.COMPARTMENT)).extracting(k -> k.id()).contains(w.key.id());
  }

  @Test
  void keyVersions_afterRotationInTheEkm_newVersionIsCurrentAndOldCiphertextDecrypts()
      throws Exception {
    String ekmKey = w.newEkmKey("rotating");
    Key key = w.newKey("rotating", ekmKey);
    KmsCrypto crypto = w.kms.crypto(w.vault.id());
    String before = crypto.encrypt(key.id(), bytes("old"), Map.of()).ciphertext();
    w.ekmKeyAction(ekmKey, "rotate");
    KmsManagement m = w.kms.management(w.vault.id());
    KeyVersion created = m.createKeyVersion(key.id());
    assertThat(m.getKey(key.id()).currentKeyVersion()).isEqualTo(created.id());
    assertThat(m.getKeyVersion(key.id(), created.id()).keyId()).isEqualTo(key.id());
    assertThat(m.listKeyVersions(key.id())).hasSize(2);
    try (DecryptedData d = crypto.decrypt(key.id(), before, Map.of())) {
      assertThat(d.plaintext().copy()).isEqualTo(bytes("old"));
    }
  }

  @Test
  void scheduleKeyDeletion_thenCancel_refusesCryptoThenRestoresTheKey() {
    Key key = w.newKey("doomed", w.tenant.ekmKeyId());
    KmsManagement m = w.kms.management(w.vault.id());
    Instant when = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
    Key pending = m.scheduleKeyDeletion(key.id(), when);
    assertThat(pending.lifecycleState()).isEqualTo("PENDING_DELETION");
    assertThat(Instant.parse(pending.timeOfDeletion())).isEqualTo(when);
    assertThatThrownBy(() -> w.kms.crypto(w.vault.id()).encrypt(key.id(), bytes("x"), Map.of()))
        .isInstanceOfSatisfying(KmsException.class, e -> assertThat(e.status()).isEqualTo(409));
    assertThat(m.cancelKeyDeletion(key.id()).lifecycleState()).isEqualTo("ENABLED");
  }

  @Test
  void scheduleVaultDeletion_thenCancel_movesThroughPendingDeletion() throws Exception {
    TenantWorld other = new TenantWorld();
    var pending = other.kms.scheduleVaultDeletion(other.vault.id(), null);
    assertThat(pending.lifecycleState()).isEqualTo("PENDING_DELETION");
    assertThat(pending.timeOfDeletion()).isNotBlank();
    assertThat(other.kms.cancelVaultDeletion(other.vault.id()).lifecycleState())
        .isEqualTo("ACTIVE");
  }

  @Test
  void encryptDecrypt_withAssociatedData_roundTrips() {
    KmsCrypto crypto = w.kms.crypto(w.vault.id());
    Map<String, String> aad = Map.of("order", "42");
    var encrypted = crypto.encrypt(w.key.id(), bytes("secret"), aad);
    assertThat(encrypted.keyVersionId())
        .isEqualTo(w.kms.management(w.vault.id()).getKey(w.key.id()).currentKeyVersion());
    try (DecryptedData d = crypto.decrypt(w.key.id(), encrypted.ciphertext(), aad)) {
      assertThat(d.plaintext().copy()).isEqualTo(bytes("secret"));
    }
    assertThatThrownBy(
            () -> crypto.decrypt(w.key.id(), encrypted.ciphertext(), Map.of("order", "43")))
        .isInstanceOfSatisfying(KmsException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void generateDataEncryptionKey_withPlaintext_unwrapsToTheSameKey() {
    KmsCrypto crypto = w.kms.crypto(w.vault.id());
    try (GeneratedKey g = crypto.generateDataEncryptionKey(w.key.id(), 32, true, Map.of("a", "b"));
        DecryptedData d = crypto.decrypt(w.key.id(), g.ciphertext(), Map.of("a", "b"))) {
      assertThat(g.plaintext().length()).isEqualTo(32);
      assertThat(g.plaintext().contentEquals(d.plaintext().copy())).isTrue();
    }
  }

  @Test
  void getVault_unknownId_isKmsException404() {
    assertThatThrownBy(() -> w.kms.getVault("ocid1.vault.oc1..doesnotexist"))
        .isInstanceOfSatisfying(
            KmsException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.code()).isEqualTo("NotAuthorizedOrNotFound");
              assertThat(e.opcRequestId()).isNotBlank();
            });
  }

  @Test
  void crypto_readOnlyUser_isRefusedWithACode() throws Exception {
    KmsClient reader = w.client(w.newUser("reader", "read"));
    assertThat(reader.getVault(w.vault.id()).id()).isEqualTo(w.vault.id());
    assertThatThrownBy(() -> reader.crypto(w.vault.id()).encrypt(w.key.id(), bytes("x"), Map.of()))
        .isInstanceOfSatisfying(KmsException.class, e -> assertThat(e.status()).isIn(403, 404));
  }

  @Test
  void anyCall_unreachableKms_isKmsExceptionUnreachable() throws Exception {
    KmsClient nowhere =
        KmsClient.builder().endpoint("https://127.0.0.1:1").profile(w.ociConfig, "ekms").build();
    assertThatThrownBy(() -> nowhere.getVault(w.vault.id()))
        .isInstanceOfSatisfying(
            KmsException.class, e -> assertThat(e.code()).isEqualTo(KmsException.UNREACHABLE));
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
