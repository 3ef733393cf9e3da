package io.ekms.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.KmsEnvelopeAead;
import com.google.crypto.tink.aead.KmsEnvelopeAeadKeyManager;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.ekms.sdk.tink.EkmsKeyUri;
import io.ekms.sdk.tink.EkmsKmsClient;
import io.ekms.stack.StackTenant;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tink 1.18 with ekms keys, end to end: envelope encryption through Tink's own {@code
 * KmsEnvelopeAead} and through a keyset made from Tink's KMS envelope template, both backed by the
 * KMS and the EKM; and the customer's kill switch reaching Tink's very next decrypt.
 */
class TinkEnvelopeTest {
  private static AttackWorld w;
  private static StackTenant tenant;
  private static String keyUri;

  @BeforeAll
  static void world() throws Exception {
    w = AttackWorld.shared();
    tenant =
        StackTenant.provision(
            w.stack, "tink", "ocid1.tenancy.oc1..tink", "ocid1.compartment.oc1..tink");
    AeadConfig.register();
    EkmsKmsClient.register(tenant.client(w.stack));
    keyUri = EkmsKeyUri.of(tenant.vaultId(), tenant.keyId());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void kmsEnvelopeAead_encryptThenDecrypt_roundTripsAndChecksAssociatedData() throws Exception {
    Aead remote = EkmsKmsClient.of(tenant.client(w.stack)).getAead(keyUri);
    Aead envelope = KmsEnvelopeAead.create(PredefinedAeadParameters.AES256_GCM, remote);
    byte[] data = bytes("a record worth protecting ".repeat(1000));

    byte[] ciphertext = envelope.encrypt(data, bytes("table=payments"));

    assertThat(envelope.decrypt(ciphertext, bytes("table=payments"))).isEqualTo(data);
    assertThatThrownBy(() -> envelope.decrypt(ciphertext, bytes("table=other")))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void keysetFromKmsEnvelopeTemplate_registeredClient_worksUnchanged() throws Exception {
    KeysetHandle handle =
        KeysetHandle.generateNew(
            KmsEnvelopeAeadKeyManager.createKeyTemplate(keyUri, KeyTemplates.get("AES256_GCM")));
    Aead aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);

    byte[] ciphertext = aead.encrypt(bytes("hello"), bytes("ctx"));

    assertThat(aead.decrypt(ciphertext, bytes("ctx"))).isEqualTo(bytes("hello"));
  }

  @Test
  void decrypt_keyDisabledInTheEkm_failsOnTheNextCall() throws Exception {
    Aead envelope =
        KmsEnvelopeAead.create(
            PredefinedAeadParameters.AES256_GCM,
            EkmsKmsClient.of(tenant.client(w.stack)).getAead(keyUri));
    byte[] ciphertext = envelope.encrypt(bytes("before the kill switch"), new byte[0]);
    var ekm = w.stack.ekmAdmin();

    ekm.keyAction(tenant.ekmVaultId(), tenant.ekmKeyId(), "disable");
    try {
      assertThatThrownBy(() -> envelope.decrypt(ciphertext, new byte[0]))
          .isInstanceOf(GeneralSecurityException.class)
          .hasMessageContaining("409 IncorrectState");
    } finally {
      ekm.keyAction(tenant.ekmVaultId(), tenant.ekmKeyId(), "enable");
    }
    assertThat(envelope.decrypt(ciphertext, new byte[0]))
        .isEqualTo(bytes("before the kill switch"));
  }

  @Test
  void doesSupport_otherSchemesAndMalformedUris_false() {
    EkmsKmsClient client = EkmsKmsClient.of(tenant.client(w.stack));

    assertThat(client.doesSupport(keyUri)).isTrue();
    assertThat(client.doesSupport("gcp-kms://projects/p/locations/l/keyRings/r/cryptoKeys/k"))
        .isFalse();
    assertThat(client.doesSupport("ekms://vaults/x/keys/y")).isFalse();
    assertThat(client.boundTo(keyUri).doesSupport(EkmsKeyUri.of(tenant.vaultId(), w.alpha.keyId())))
        .isFalse();
  }
}
