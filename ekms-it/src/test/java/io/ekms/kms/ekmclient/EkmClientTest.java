package io.ekms.kms.ekmclient;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.secret.SecretBytes;
import io.ekms.kms.external.EkmException;
import io.ekms.kms.external.EkmRefused;
import io.ekms.kms.external.ExternalVault.KeyInfo;
import io.ekms.kms.external.ExternalVault.Sealed;
import io.ekms.kms.external.ExternalVault.VaultInfo;
import io.ekms.kms.external.ExternalVault.VersionInfo;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The six EKM API operations, over HTTPS, against the stack's EKM with its identity's tokens. */
class EkmClientTest {
  static EkmClientWorld w;
  static EkmClients clients;
  static EkmClient client;

  @BeforeAll
  static void start() throws Exception {
    w = EkmClientWorld.start();
    clients = new EkmClients(EkmClientWorld.PATIENT, EkmClientWorld.LOOPBACK, List.of());
    client = clients.client(w.vaultUrl, w.caPem, w.oauth());
  }

  @AfterAll
  static void stop() {
    clients.close();
    w.close();
  }

  @Test
  void vaultMetadata_activeVault_isActiveFromEkms() {
    VaultInfo vault = client.vault("req-vault-1");

    assertThat(vault).isEqualTo(new VaultInfo("ACTIVE", "ekms"));
  }

  @Test
  void keyMetadata_newKey_isActiveAes256WithBothOps() {
    KeyInfo key = client.key("req-key-1", w.keyId);

    assertThat(key.keyId()).isEqualTo(w.keyId);
    assertThat(key.algorithm()).isEqualTo("AES");
    assertThat(key.lengthBits()).isEqualTo(256);
    assertThat(key.state()).isEqualTo("ACTIVE");
    assertThat(key.ops()).containsExactlyInAnyOrder("ENCRYPT", "DECRYPT");
    assertThat(key.currentVersionId()).isNotBlank();
  }

  @Test
  void keyVersionMetadata_currentVersion_isActive() {
    String version = client.key("req-kv-0", w.keyId).currentVersionId();

    VersionInfo metadata = client.keyVersion("req-kv-1", w.keyId, version);

    assertThat(metadata.keyId()).isEqualTo(w.keyId);
    assertThat(metadata.versionId()).isEqualTo(version);
    assertThat(metadata.state()).isEqualTo("ACTIVE");
    assertThat(metadata.ops()).contains("ENCRYPT", "DECRYPT");
  }

  @Test
  void encryptDecrypt_withAndWithoutAad_roundTrips() {
    for (byte[] aad : new byte[][] {null, "tenant=a".getBytes(UTF_8)}) {
      byte[] plaintext = "attack at dawn".getBytes(UTF_8);

      Sealed sealed = client.encrypt("req-enc-1", w.keyId, null, plaintext, aad);

      assertThat(sealed.ciphertext()).hasSameSizeAs(plaintext).isNotEqualTo(plaintext);
      assertThat(sealed.iv()).hasSize(12);
      assertThat(sealed.tag()).hasSize(16);
      try (SecretBytes opened = decrypt(sealed, aad)) {
        assertThat(opened.contentEquals(plaintext)).isTrue();
      }
    }
  }

  @Test
  void encrypt_namedVersionAfterRotation_usesThatVersion() throws Exception {
    String keyId = w.createKey("rotating");
    String first = client.key("req-rot-0", keyId).currentVersionId();
    w.admin.keyAction(w.vaultId, keyId, "rotate");

    Sealed old = client.encrypt("req-rot-1", keyId, first, new byte[] {1, 2, 3}, null);
    Sealed current = client.encrypt("req-rot-2", keyId, null, new byte[] {1, 2, 3}, null);

    assertThat(old.externalVersionId()).isEqualTo(first);
    assertThat(current.externalVersionId()).isNotEqualTo(first);
    try (SecretBytes opened = decrypt(old, keyId, null)) {
      assertThat(opened.contentEquals(new byte[] {1, 2, 3})).isTrue();
    }
  }

  @Test
  void decrypt_wrongAad_throwsDecryptionFailedWithEkmCode() {
    Sealed sealed =
        client.encrypt("req-dec-1", w.keyId, null, "x".getBytes(UTF_8), "a".getBytes(UTF_8));

    assertThatThrownBy(() -> decrypt(sealed, "b".getBytes(UTF_8)))
        .isInstanceOf(EkmRefused.DecryptionFailed.class)
        .hasMessageContaining("do not authenticate")
        .hasMessageContaining("DecryptionFailed")
        .satisfies(e -> assertThat(((EkmException) e).remoteCode()).contains("DecryptionFailed"));
  }

  @Test
  void randomBytes_32_returns32FreshBytes() {
    try (SecretBytes a = client.randomBytes("req-rnd-1", 32);
        SecretBytes b = client.randomBytes("req-rnd-2", 32)) {
      assertThat(a.length()).isEqualTo(32);
      assertThat(b.contentEquals(a.copy())).isFalse();
    }
  }

  @Test
  void keyMetadata_unknownKey_throwsNotFound() {
    assertThatThrownBy(() -> client.key("req-nf-1", "key-" + "0".repeat(32)))
        .isInstanceOf(EkmRefused.NotFound.class)
        .hasMessageContaining("GetKeyMetadata (vault " + w.vaultId)
        .hasMessageContaining("NotFound");
  }

  @Test
  void everyOperation_requestId_isForwardedToTheEkmAudit() throws Exception {
    String id = "kms-" + System.nanoTime();
    Sealed sealed = client.encrypt(id + "-e", w.keyId, null, new byte[] {7}, null);
    client.decrypt(id + "-d", w.keyId, sealed.externalVersionId(), sealed, null).close();
    client.vault(id + "-v");
    client.randomBytes(id + "-r", 4).close();

    List<JsonNode> audit = w.audit(id + "-e");

    assertThat(audit).hasSize(1);
    assertThat(audit.get(0).path("record").path("operation").asText()).isEqualTo("Encrypt");
    assertThat(audit.get(0).path("record").path("caller").asText()).contains(w.client.id());
    assertThat(w.audit(id + "-d"))
        .extracting(n -> n.path("record").path("operation").asText())
        .containsExactly("Decrypt");
    assertThat(w.audit(id + "-v")).hasSize(1);
    assertThat(w.audit(id + "-r")).hasSize(1);
  }

  @Test
  void calls_badArguments_throwIllegalArgumentBeforeSending() {
    assertThatThrownBy(() -> client.key("req-1", "../metadata"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.vault("bad id with spaces"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.encrypt("req-1", w.keyId, null, new byte[0], null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.randomBytes("req-1", 65_536))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static SecretBytes decrypt(Sealed sealed, byte[] aad) {
    return decrypt(sealed, w.keyId, aad);
  }

  static SecretBytes decrypt(Sealed sealed, String keyId, byte[] aad) {
    return client.decrypt("req-dec", keyId, sealed.externalVersionId(), sealed, aad);
  }
}
