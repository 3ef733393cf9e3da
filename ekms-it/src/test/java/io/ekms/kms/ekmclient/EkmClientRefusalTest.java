package io.ekms.kms.ekmclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.kms.external.EkmRefused;
import io.ekms.kms.external.ExternalVault.Sealed;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The customer's controls in the EKM (disable a key or version, block the vault, restrict a key's
 * operations, bind a vault to another client) fail the very next call with the right refusal.
 */
class EkmClientRefusalTest {
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
  void encrypt_keyDisabledInEkm_nextCallThrowsUnusableKeyDisabled() throws Exception {
    String keyId = w.createKey("to-disable");
    client.encrypt("req-dis-0", keyId, null, new byte[] {1}, null);
    w.admin.keyAction(w.vaultId, keyId, "disable");

    assertThatThrownBy(() -> client.encrypt("req-dis-1", keyId, null, new byte[] {1}, null))
        .isInstanceOf(EkmRefused.Unusable.class)
        .hasMessageContaining("key " + keyId + " is disabled in the EKM")
        .hasMessageContaining("(KeyDisabled: ");

    w.admin.keyAction(w.vaultId, keyId, "enable");
    assertThat(client.encrypt("req-dis-2", keyId, null, new byte[] {1}, null).ciphertext())
        .hasSize(1);
  }

  @Test
  void decrypt_keyVersionDisabledInEkm_throwsUnusableKeyVersionDisabled() throws Exception {
    String keyId = w.createKey("version-to-disable");
    Sealed sealed = client.encrypt("req-kvd-0", keyId, null, new byte[] {1, 2}, null);
    w.admin.keyAction(w.vaultId, keyId, "rotate"); // the current one stays enabled
    w.admin.versionAction(w.vaultId, keyId, sealed.externalVersionId(), "disable");

    assertThatThrownBy(
            () -> client.decrypt("req-kvd-1", keyId, sealed.externalVersionId(), sealed, null))
        .isInstanceOf(EkmRefused.Unusable.class)
        .hasMessageContaining("key version " + sealed.externalVersionId() + " of key " + keyId)
        .hasMessageContaining("KeyVersionDisabled");
  }

  @Test
  void anyCall_vaultBlockedInEkm_nextCallThrowsUnusableVaultBlocked() throws Exception {
    w.admin.vaultAction(w.vaultId, "block");
    try {
      assertThatThrownBy(() -> client.encrypt("req-blk-1", w.keyId, null, new byte[] {1}, null))
          .isInstanceOf(EkmRefused.Unusable.class)
          .hasMessageContaining("vault " + w.vaultId + " is blocked in the EKM")
          .hasMessageContaining("VaultBlocked");
      assertThatThrownBy(() -> client.vault("req-blk-2")).isInstanceOf(EkmRefused.Unusable.class);
    } finally {
      w.admin.vaultAction(w.vaultId, "unblock");
    }
    assertThat(client.vault("req-blk-3").state()).isEqualTo("ACTIVE");
  }

  @Test
  void decrypt_encryptOnlyKey_throwsUnusableOperationNotPermitted() throws Exception {
    String keyId = w.admin.createKey(w.vaultId, "enc-only", List.of("ENCRYPT"));
    Sealed sealed = client.encrypt("req-op-0", keyId, null, new byte[] {1}, null);

    assertThatThrownBy(
            () -> client.decrypt("req-op-1", keyId, sealed.externalVersionId(), sealed, null))
        .isInstanceOf(EkmRefused.Unusable.class)
        .hasMessageContaining("does not permit Decrypt")
        .hasMessageContaining("OperationNotPermitted");
  }

  @Test
  void anyCall_vaultBoundToAnotherClient_throwsNotAuthorizedTokenRefused() throws Exception {
    String issuerId = w.admin.trustIssuer(w.stack.identityIssuer(), w.caPem);
    String otherVault = w.admin.createVault("other", issuerId, "someone-else");
    String url = w.vaultUrl.replace(w.vaultId, otherVault);
    EkmClient stranger = clients.client(url, w.caPem, w.oauth());

    assertThatThrownBy(() -> stranger.vault("req-cna-1"))
        .isInstanceOf(EkmRefused.NotAuthorized.class)
        .hasMessageContaining("token refused")
        .hasMessageContaining("client " + w.client.id())
        .hasMessageContaining("ClientNotAuthorized");
  }
}
