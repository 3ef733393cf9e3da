package io.ekms.ekm.backend.pkcs11;

import static io.ekms.ekm.backend.pkcs11.TokenObjects.CKA_ALWAYS_SENSITIVE;
import static io.ekms.ekm.backend.pkcs11.TokenObjects.CKA_EXTRACTABLE;
import static io.ekms.ekm.backend.pkcs11.TokenObjects.CKA_NEVER_EXTRACTABLE;
import static io.ekms.ekm.backend.pkcs11.TokenObjects.CKA_PRIVATE;
import static io.ekms.ekm.backend.pkcs11.TokenObjects.CKA_SENSITIVE;
import static io.ekms.ekm.backend.pkcs11.TokenObjects.CKA_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.config.Misconfiguration;
import io.ekms.core.crypto.AesGcm;
import io.ekms.ekm.backend.GcmOutput;
import io.ekms.ekm.backend.KeyUnusableException;
import io.ekms.ekm.domain.Ids;
import io.ekms.ekm.domain.KeyHandle;
import io.ekms.testing.SoftHsm;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The PKCS#11 backend's own promises: keys stay in the token, start-up names what is wrong. */
class Pkcs11KeyBackendTest {
  private static final byte[] PLAINTEXT = "attack at dawn".getBytes(StandardCharsets.UTF_8);
  private final Pkcs11KeyBackend backend = new Pkcs11KeyBackend(SoftHsmSettings.of());
  private final String versionId = Ids.newKeyVersion();

  @AfterEach
  void close() {
    backend.close();
  }

  @Test
  void generate_key_cannotBeReadOutOfTheToken() throws Exception {
    KeyHandle handle = backend.generate(versionId, 256);

    TokenConnection other = TokenConnection.open(SoftHsmSettings.of(), SoftHsm.LIBRARY);
    Key key = other.keyStore.getKey(handle.reference(), null);
    assertThat(key).isNotNull();
    assertThat(key.getEncoded()).isNull();
    assertThat(
            TokenObjects.booleans(
                handle.reference(),
                CKA_TOKEN,
                CKA_PRIVATE,
                CKA_SENSITIVE,
                CKA_ALWAYS_SENSITIVE,
                CKA_EXTRACTABLE,
                CKA_NEVER_EXTRACTABLE))
        .containsExactly(
            Map.of(
                CKA_TOKEN, true,
                CKA_PRIVATE, true,
                CKA_SENSITIVE, true,
                CKA_ALWAYS_SENSITIVE, true,
                CKA_EXTRACTABLE, false,
                CKA_NEVER_EXTRACTABLE, true));
  }

  @Test
  void generate_handle_isTheLabelOfOneTokenObject() throws Exception {
    KeyHandle handle = backend.generate(versionId, 128);

    assertThat(handle).isEqualTo(new KeyHandle(Pkcs11KeyBackend.NAME, "ekms-" + versionId));
    assertThat(TokenObjects.booleans(handle.reference(), CKA_TOKEN)).hasSize(1);
  }

  @Test
  void destroy_key_deletesTheTokenObject() throws Exception {
    KeyHandle handle = backend.generate(versionId, 256);

    backend.destroy(handle, versionId);

    assertThat(TokenObjects.booleans(handle.reference(), CKA_TOKEN)).isEmpty();
  }

  @Test
  void encryptAndDecrypt_keyDestroyedByAnotherNode_throwKeyUnusable() throws Exception {
    KeyHandle handle = backend.generate(versionId, 256);
    GcmOutput sealed = backend.encrypt(handle, versionId, AesGcm.newIv(), PLAINTEXT, null);

    try (Pkcs11KeyBackend otherNode = new Pkcs11KeyBackend(SoftHsmSettings.of())) {
      otherNode.destroy(handle, versionId);
    }

    assertThatThrownBy(() -> backend.encrypt(handle, versionId, AesGcm.newIv(), PLAINTEXT, null))
        .isInstanceOf(KeyUnusableException.class);
    assertThatThrownBy(
            () ->
                backend.decrypt(
                    handle, versionId, sealed.iv(), sealed.ciphertext(), sealed.tag(), null))
        .isInstanceOf(KeyUnusableException.class);
  }

  @Test
  void encrypt_keyMadeByAnotherNodeAfterLogin_isFound() throws Exception {
    try (Pkcs11KeyBackend otherNode = new Pkcs11KeyBackend(SoftHsmSettings.of())) {
      KeyHandle handle = otherNode.generate(versionId, 256);

      GcmOutput sealed = backend.encrypt(handle, versionId, AesGcm.newIv(), PLAINTEXT, null);

      assertThat(
              otherNode.decrypt(
                  handle, versionId, sealed.iv(), sealed.ciphertext(), sealed.tag(), null))
          .isEqualTo(PLAINTEXT);
    }
  }

  @Test
  void encrypt_handleOfAnotherBackend_throwsIllegalArgument() {
    KeyHandle foreign = new KeyHandle("software", "ekms-" + versionId);

    assertThatThrownBy(() -> backend.encrypt(foreign, versionId, AesGcm.newIv(), PLAINTEXT, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_wrongPin_failsWithOneSentence() {
    assertThatThrownBy(
            () ->
                new Pkcs11KeyBackend(
                    SoftHsmSettings.of(SoftHsm.LIBRARY, SoftHsm.SPARE_LABEL, "9999")))
        .isInstanceOf(Misconfiguration.class)
        .hasMessageStartingWith("Misconfiguration: the PIN does not log in to token 'ekms-spare' (")
        .hasMessageContaining("CKR_PIN_INCORRECT")
        .hasMessageEndingWith("; pkcs11.pin).")
        .hasMessageNotContaining("9999");
  }

  @Test
  void constructor_missingTokenLabel_failsNamingTheLabelsPresent() {
    assertThatThrownBy(
            () -> new Pkcs11KeyBackend(SoftHsmSettings.of(SoftHsm.LIBRARY, "no-such", SoftHsm.PIN)))
        .isInstanceOf(Misconfiguration.class)
        .hasMessageStartingWith(
            "Misconfiguration: no token labelled 'no-such' in " + SoftHsm.LIBRARY + " (tokens: [")
        .hasMessageContaining("ekms-test")
        .hasMessageEndingWith("; pkcs11.tokenLabel).");
  }

  @Test
  void constructor_missingLibrary_failsNamingThePath() {
    assertThatThrownBy(
            () ->
                new Pkcs11KeyBackend(
                    SoftHsmSettings.of("/nonexistent/libpkcs11.so", SoftHsm.LABEL, SoftHsm.PIN)))
        .isInstanceOf(Misconfiguration.class)
        .hasMessage(
            "Misconfiguration: the PKCS#11 library /nonexistent/libpkcs11.so does not exist"
                + " (pkcs11.library).");
  }
}
