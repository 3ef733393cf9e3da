package io.ekms.ekm.backend.software;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.crypto.AesGcm;
import io.ekms.core.crypto.Randoms;
import io.ekms.ekm.backend.KeyUnusableException;
import io.ekms.ekm.domain.Ids;
import io.ekms.ekm.domain.KeyHandle;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The software backend's own promises: the sealed handle format and what damages it. */
class SoftwareKeyBackendTest {
  private static final byte[] PLAINTEXT = "attack at dawn".getBytes(StandardCharsets.UTF_8);
  private final byte[] master = Randoms.bytes(MasterKey.BYTES);
  private final SoftwareKeyBackend backend = new SoftwareKeyBackend(SecretBytes.copyOf(master));
  private final String versionId = Ids.newKeyVersion();

  @AfterEach
  void close() {
    backend.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {128, 192, 256})
  void generate_handle_isFormatByteIvSealedKeyAndTag(int lengthBits) {
    KeyHandle handle = backend.generate(versionId, lengthBits);
    byte[] raw = Base64.getDecoder().decode(handle.reference());

    assertThat(handle.backend()).isEqualTo(SoftwareKeyBackend.NAME);
    assertThat(raw[0]).isEqualTo((byte) 0x01);
    assertThat(raw).hasSize(1 + AesGcm.IV_BYTES + lengthBits / 8 + AesGcm.TAG_BYTES);
    assertThat(backend.generate(versionId, lengthBits).reference())
        .isNotEqualTo(handle.reference());
  }

  @Test
  void encrypt_sealedBlobWithEachByteFlipped_throwsKeyUnusable() {
    byte[] raw = Base64.getDecoder().decode(backend.generate(versionId, 256).reference());
    Random random = new Random(0xB10BL);

    for (int i = 0; i < raw.length; i++) {
      byte[] bad = raw.clone();
      bad[i] ^= (byte) (1 + random.nextInt(255));
      assertUnusable(encoded(bad));
    }
  }

  @Test
  void encrypt_sealedBlobTruncatedExtendedOrNotBase64_throwsKeyUnusable() {
    byte[] raw = Base64.getDecoder().decode(backend.generate(versionId, 128).reference());

    assertUnusable(encoded(Arrays.copyOf(raw, raw.length - 1)));
    assertUnusable(encoded(Arrays.copyOf(raw, raw.length + 1)));
    assertUnusable(encoded(Arrays.copyOf(raw, 1 + AesGcm.IV_BYTES + AesGcm.TAG_BYTES)));
    assertUnusable(encoded(new byte[] {0x01}));
    assertUnusable("not base64 at all!");
  }

  @Test
  void encrypt_underAnotherMasterKey_throwsKeyUnusable() {
    KeyHandle handle = backend.generate(versionId, 256);

    try (SoftwareKeyBackend other =
        new SoftwareKeyBackend(SecretBytes.adopt(Randoms.bytes(MasterKey.BYTES)))) {
      assertThatThrownBy(() -> other.encrypt(handle, versionId, AesGcm.newIv(), PLAINTEXT, null))
          .isInstanceOf(KeyUnusableException.class);
    }
  }

  @Test
  void encrypt_handleOfAnotherBackend_throwsIllegalArgument() {
    String reference = backend.generate(versionId, 256).reference();
    KeyHandle foreign = new KeyHandle("pkcs11", reference);

    assertThatThrownBy(() -> backend.encrypt(foreign, versionId, AesGcm.newIv(), PLAINTEXT, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_masterKeyNot32Bytes_throwsIllegalArgument() {
    assertThatThrownBy(() -> new SoftwareKeyBackend(SecretBytes.adopt(new byte[16])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * The refusal lives in memory: the lasting erasure is the caller clearing the version's row in
   * the same transaction (see KeyVersionRepository#updateState). This pins that limit down.
   */
  @Test
  void destroy_handleKeptPastRestart_opensAgain() {
    KeyHandle handle = backend.generate(versionId, 256);
    backend.destroy(handle, versionId);

    try (SoftwareKeyBackend restarted = new SoftwareKeyBackend(SecretBytes.copyOf(master))) {
      assertThat(restarted.encrypt(handle, versionId, AesGcm.newIv(), PLAINTEXT, null)).isNotNull();
    }
    assertUnusable(handle.reference());
  }

  private void assertUnusable(String reference) {
    KeyHandle bad = new KeyHandle(SoftwareKeyBackend.NAME, reference);
    assertThatThrownBy(() -> backend.encrypt(bad, versionId, AesGcm.newIv(), PLAINTEXT, null))
        .as("reference %s", reference)
        .isInstanceOf(KeyUnusableException.class);
    assertThatThrownBy(
            () -> backend.decrypt(bad, versionId, AesGcm.newIv(), PLAINTEXT, new byte[16], null))
        .isInstanceOf(KeyUnusableException.class);
  }

  private static String encoded(byte[] raw) {
    return Base64.getEncoder().encodeToString(raw);
  }
}
