package io.ekms.kms.service;

import static io.ekms.kms.service.Refusals.assertApiError;
import static io.ekms.kms.service.Refusals.assertExternal;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.core.crypto.Randoms;
import io.ekms.kms.ciphertext.KmsCiphertext;
import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.KeyVersion;
import io.ekms.kms.external.EkmRefused;
import io.ekms.kms.external.FakeKey;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Encrypt, decrypt and data keys through the fake EKM, which really runs AES-GCM. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CryptoServiceTest {
  private static final byte[] PLAIN = "attack at dawn".getBytes(StandardCharsets.UTF_8);
  private final ServiceBed bed = new ServiceBed();
  private Key key;
  private FakeKey external;

  @BeforeEach
  void reset() {
    bed.reset();
    ServiceBed.MadeKey made = bed.key();
    key = made.key();
    external = made.external();
  }

  @AfterAll
  void close() {
    bed.close();
  }

  @Test
  void encryptThenDecrypt_roundTripsThroughTheEkmWithTheRequestId() {
    int encrypts = bed.ekm.calls("encrypt");
    Caller caller = bed.caller();

    CryptoService.Encrypted e = encrypt(caller, PLAIN, null);
    CryptoService.Decrypted d = decrypt(e.ciphertext(), null);

    assertThat(d.plaintext().contentEquals(PLAIN)).isTrue();
    assertThat(e.keyVersionId()).isEqualTo(key.currentVersionId());
    assertThat(d.keyVersionId()).isEqualTo(key.currentVersionId());
    assertThat(KmsCiphertext.parse(e.ciphertext()).keyVersionId()).isEqualTo(e.keyVersionId());
    assertThat(new String(e.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("attack");
    assertThat(bed.ekm.calls("encrypt")).isEqualTo(encrypts + 1);
    assertThat(bed.ekm.requestIds()).contains(caller.requestId());
  }

  @Test
  void encrypt_twice_isTwoLiveCallsWithDifferentCiphertexts() {
    int encrypts = bed.ekm.calls("encrypt");

    byte[] first = encrypt(bed.caller(), PLAIN, null).ciphertext();
    byte[] second = encrypt(bed.caller(), PLAIN, null).ciphertext();

    assertThat(first).isNotEqualTo(second);
    assertThat(bed.ekm.calls("encrypt")).isEqualTo(encrypts + 2);
  }

  @Test
  void decrypt_afterRotation_usesTheVersionNamedInTheCiphertext() {
    byte[] old = encrypt(bed.caller(), PLAIN, null).ciphertext();
    external.rotate();
    KeyVersion v2 = bed.versions.create(bed.caller(), key.vaultId(), key.id(), null);

    CryptoService.Encrypted fresh = encrypt(bed.caller(), PLAIN, null);
    CryptoService.Decrypted d = decrypt(old, null);

    assertThat(fresh.keyVersionId()).isEqualTo(v2.id());
    assertThat(d.keyVersionId()).isEqualTo(key.currentVersionId());
    assertThat(d.plaintext().contentEquals(PLAIN)).isTrue();
    assertThat(decrypt(fresh.ciphertext(), null).keyVersionId()).isEqualTo(v2.id());
  }

  @Test
  void encrypt_explicitOlderVersion_isNamedInTheCiphertext() {
    external.rotate();
    bed.versions.create(bed.caller(), key.vaultId(), key.id(), null);

    CryptoService.Encrypted e =
        bed.crypto.encrypt(
            bed.caller(), key.vaultId(), key.id(), key.currentVersionId(), PLAIN, null);

    assertThat(e.keyVersionId()).isEqualTo(key.currentVersionId());
    assertThat(decrypt(e.ciphertext(), null).plaintext().contentEquals(PLAIN)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4096})
  void encrypt_plaintextAtTheBounds_isTaken(int length) {
    byte[] plain = Randoms.bytes(length);

    byte[] c = encrypt(bed.caller(), plain, null).ciphertext();

    assertThat(decrypt(c, null).plaintext().contentEquals(plain)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 4097})
  void encrypt_plaintextOutOfBounds_isInvalidParameterWithoutAskingTheEkm(int length) {
    int encrypts = bed.ekm.calls("encrypt");

    assertApiError(
        () -> encrypt(bed.caller(), new byte[length], null),
        KmsError.INVALID_PARAMETER,
        "1 to 4096 bytes");
    assertThat(bed.ekm.calls("encrypt")).isEqualTo(encrypts);
  }

  @Test
  void decrypt_associatedData_isBoundInAnyOrderAndRequired() {
    Map<String, String> aad = new LinkedHashMap<>();
    aad.put("tenant", "blue");
    aad.put("purpose", "backup");
    byte[] c = encrypt(bed.caller(), PLAIN, aad).ciphertext();

    Map<String, String> reordered = new LinkedHashMap<>();
    reordered.put("purpose", "backup");
    reordered.put("tenant", "blue");
    assertThat(decrypt(c, reordered).plaintext().contentEquals(PLAIN)).isTrue();
    assertExternal(() -> decrypt(c, Map.of("tenant", "blue")), EkmRefused.DecryptionFailed.class);
    assertExternal(
        () -> decrypt(c, Map.of("tenant", "red", "purpose", "backup")),
        EkmRefused.DecryptionFailed.class);
    assertExternal(() -> decrypt(c, null), EkmRefused.DecryptionFailed.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {16, 24, 32})
  void generateDataEncryptionKey_validLength_wrapsAFreshKeyThatDecrypts(int length) {
    CryptoService.Generated g =
        bed.crypto.generateDataEncryptionKey(
            bed.caller(), key.vaultId(), key.id(), length, Map.of("file", "a"));

    byte[] dek = g.dek().copy();
    assertThat(dek).hasSize(length);
    assertThat(g.wrapped().keyVersionId()).isEqualTo(key.currentVersionId());
    assertThat(
            decrypt(g.wrapped().ciphertext(), Map.of("file", "a")).plaintext().contentEquals(dek))
        .isTrue();
  }

  @Test
  void generateDataEncryptionKey_length20_isInvalidParameterWithoutAskingTheEkm() {
    int encrypts = bed.ekm.calls("encrypt");

    assertApiError(
        () -> bed.crypto.generateDataEncryptionKey(bed.caller(), key.vaultId(), key.id(), 20, null),
        KmsError.INVALID_PARAMETER,
        "16, 24 or 32");
    assertThat(bed.ekm.calls("encrypt")).isEqualTo(encrypts);
  }

  private CryptoService.Encrypted encrypt(Caller caller, byte[] plain, Map<String, String> aad) {
    return bed.crypto.encrypt(caller, key.vaultId(), key.id(), null, plain, aad);
  }

  private CryptoService.Decrypted decrypt(byte[] ciphertext, Map<String, String> aad) {
    return bed.crypto.decrypt(bed.caller(), key.vaultId(), key.id(), null, ciphertext, aad);
  }
}
