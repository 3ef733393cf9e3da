package io.ekms.ekm.backend.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.crypto.AesGcm;
import io.ekms.ekm.backend.BackendUnavailableException;
import io.ekms.ekm.backend.GcmOutput;
import io.ekms.ekm.domain.Ids;
import io.ekms.ekm.domain.KeyHandle;
import io.ekms.testing.SoftHsm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The token goes away and comes back while one backend keeps running: SoftHSM2's token directory is
 * moved aside (what a device or network HSM outage looks like to the library) and back.
 */
class Pkcs11RecoveryTest {
  private static final byte[] PLAINTEXT = "still here".getBytes(StandardCharsets.UTF_8);

  /**
   * Kept for the rest of the JVM: the backend's replaced connections belong to a finalised library
   * instance, and their sessions must never be closed by the GC against the library as it is now.
   */
  private static final List<Pkcs11KeyBackend> keptBackends = new ArrayList<>();

  @Test
  void encryptAndDecrypt_tokenAwayThenBack_unavailableThenServeWithoutRestart() throws Exception {
    Pkcs11KeyBackend backend = new Pkcs11KeyBackend(SoftHsmSettings.of());
    keptBackends.add(backend);
    String versionId = Ids.newKeyVersion();
    KeyHandle handle = backend.generate(versionId, 256);
    GcmOutput before = backend.encrypt(handle, versionId, AesGcm.newIv(), PLAINTEXT, null);
    Path tokens = SoftHsm.tokens();
    Path away = tokens.resolveSibling("tokens-away");

    Files.move(tokens, away, StandardCopyOption.ATOMIC_MOVE);
    try {
      assertThatThrownBy(() -> backend.encrypt(handle, versionId, AesGcm.newIv(), PLAINTEXT, null))
          .isInstanceOf(BackendUnavailableException.class);
      assertThatThrownBy(
              () ->
                  backend.decrypt(
                      handle, versionId, before.iv(), before.ciphertext(), before.tag(), null))
          .isInstanceOf(BackendUnavailableException.class);
    } finally {
      Files.move(away, tokens, StandardCopyOption.ATOMIC_MOVE);
    }

    assertThat(
            backend.decrypt(
                handle, versionId, before.iv(), before.ciphertext(), before.tag(), null))
        .isEqualTo(PLAINTEXT);
    GcmOutput after = backend.encrypt(handle, versionId, AesGcm.newIv(), PLAINTEXT, null);
    assertThat(
            backend.decrypt(handle, versionId, after.iv(), after.ciphertext(), after.tag(), null))
        .isEqualTo(PLAINTEXT);
  }

  @Test
  void encrypt_sessionsDroppedUnderneath_retriedOnceOnAFreshConnection() throws Exception {
    Pkcs11KeyBackend backend = new Pkcs11KeyBackend(SoftHsmSettings.of());
    keptBackends.add(backend);
    String versionId = Ids.newKeyVersion();
    KeyHandle handle = backend.generate(versionId, 128);
    GcmOutput before = backend.encrypt(handle, versionId, AesGcm.newIv(), PLAINTEXT, null);

    TokenObjects.dropAllSessions();

    GcmOutput after = backend.encrypt(handle, versionId, AesGcm.newIv(), PLAINTEXT, null);
    assertThat(
            backend.decrypt(
                handle, versionId, before.iv(), before.ciphertext(), before.tag(), null))
        .isEqualTo(PLAINTEXT);
    assertThat(
            backend.decrypt(handle, versionId, after.iv(), after.ciphertext(), after.tag(), null))
        .isEqualTo(PLAINTEXT);
  }
}
