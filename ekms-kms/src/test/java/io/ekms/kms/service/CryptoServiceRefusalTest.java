package io.ekms.kms.service;

import static io.ekms.kms.service.Refusals.assertApiError;
import static io.ekms.kms.service.Refusals.assertExternal;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.kms.ciphertext.KmsCiphertext;
import io.ekms.kms.ciphertext.MalformedCiphertextException;
import io.ekms.kms.domain.Key;
import io.ekms.kms.external.EkmRefused;
import io.ekms.kms.external.EkmUnavailable;
import io.ekms.kms.external.FakeKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every reason crypto is refused, in the KMS or in the EKM, on the very next call. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CryptoServiceRefusalTest {
  private static final byte[] PLAIN = "attack at dawn".getBytes(StandardCharsets.UTF_8);
  private final ServiceBed bed = new ServiceBed();
  private ServiceBed.MadeKey made;
  private Key key;
  private FakeKey external;

  @BeforeEach
  void reset() {
    bed.reset();
    made = bed.key();
    key = made.key();
    external = made.external();
  }

  @AfterAll
  void close() {
    bed.close();
  }

  @Test
  void encryptAndDecrypt_keyDisabledInTheKms_isIncorrectStateWithoutAskingTheEkm() {
    byte[] c = encrypt();
    bed.keys.disable(bed.caller(), key.vaultId(), key.id(), null);
    int asked = bed.ekm.calls("encrypt") + bed.ekm.calls("decrypt");

    assertApiError(this::encrypt, KmsError.INCORRECT_STATE, "The key is DISABLED");
    assertApiError(() -> decrypt(key, c), KmsError.INCORRECT_STATE, "The key is DISABLED");
    assertThat(bed.ekm.calls("encrypt") + bed.ekm.calls("decrypt")).isEqualTo(asked);
  }

  @Test
  void encrypt_keyPendingDeletion_isIncorrectState() {
    bed.keys.scheduleDeletion(bed.caller(), key.vaultId(), key.id(), null, null);

    assertApiError(this::encrypt, KmsError.INCORRECT_STATE, "PENDING_DELETION");
  }

  @Test
  void decrypt_versionPendingDeletion_isIncorrectState() {
    byte[] old = encrypt();
    external.rotate();
    bed.versions.create(bed.caller(), key.vaultId(), key.id(), null);
    bed.versions.scheduleDeletion(
        bed.caller(), key.vaultId(), key.id(), key.currentVersionId(), null, null);

    assertApiError(
        () -> decrypt(key, old), KmsError.INCORRECT_STATE, "key version is PENDING_DELETION");
  }

  @Test
  void crypto_keyDisabledOrVaultBlockedInTheEkm_failsTheVeryNextCall() {
    byte[] c = encrypt();
    external.state = "DISABLED";
    assertExternal(this::encrypt, EkmRefused.Unusable.class);
    assertExternal(() -> decrypt(key, c), EkmRefused.Unusable.class);

    external.state = "ACTIVE";
    made.vault().external().state = "BLOCKED";
    assertExternal(() -> decrypt(key, c), EkmRefused.Unusable.class);

    made.vault().external().state = "ACTIVE";
    assertThat(decrypt(key, c).plaintext().contentEquals(PLAIN)).isTrue();
  }

  @Test
  void crypto_ekmUnreachable_isExternalUnavailable() {
    byte[] c = encrypt();
    bed.ekm.unreachable(true);

    assertExternal(this::encrypt, EkmUnavailable.class);
    assertExternal(() -> decrypt(key, c), EkmUnavailable.class);
  }

  @Test
  void decrypt_keyVersionIdNotTheCiphertexts_isInvalidParameter() {
    byte[] c = encrypt();

    assertApiError(
        () ->
            bed.crypto.decrypt(
                bed.caller(), key.vaultId(), key.id(), "ocid1.keyversion.oc1..other", c, null),
        KmsError.INVALID_PARAMETER,
        "'keyVersionId' is not the key version that made this ciphertext");
  }

  /**
   * A ciphertext names a version of key A; asked to decrypt it as key B, the KMS finds no such
   * version of B and answers 404 NotAuthorizedOrNotFound, as for any id that is not B's: it does
   * not tell the caller that the version exists under another key (maybe one it may not read), and
   * the EKM is never asked.
   */
  @Test
  void decrypt_ciphertextOfAnotherKey_isNotFoundWithoutAskingTheEkm() {
    byte[] c = encrypt();
    Key other = bed.key(made.vault()).key();
    int decrypts = bed.ekm.calls("decrypt");

    assertApiError(
        () -> decrypt(other, c),
        KmsError.NOT_AUTHORIZED_OR_NOT_FOUND,
        KmsError.NOT_AUTHORIZED_OR_NOT_FOUND_MESSAGE);
    assertThat(bed.ekm.calls("decrypt")).isEqualTo(decrypts);
  }

  @Test
  void decrypt_tamperedBodyTagOrIv_failsAuthentication() {
    byte[] c = encrypt();
    int headerLength = KmsCiphertext.parse(c).header().length;
    for (int at : new int[] {headerLength, headerLength + 12, c.length - 1}) {
      byte[] tampered = c.clone();
      tampered[at] ^= 0x01;

      assertExternal(() -> decrypt(key, tampered), EkmRefused.DecryptionFailed.class);
    }
  }

  @Test
  void decrypt_headerRenamedToAnotherVersionOfTheKey_failsAuthentication() {
    byte[] c = encrypt();
    external.rotate();
    String v2 = bed.versions.create(bed.caller(), key.vaultId(), key.id(), null).id();
    KmsCiphertext parsed = KmsCiphertext.parse(c);
    byte[] renamed = new KmsCiphertext(v2, parsed.iv(), parsed.tag(), parsed.body()).encode();

    assertExternal(() -> decrypt(key, renamed), EkmRefused.DecryptionFailed.class);
  }

  @Test
  void decrypt_malformedCiphertext_isInvalidParameter() {
    byte[] c = encrypt();
    byte[] wrongFormat = c.clone();
    wrongFormat[0] = 0x02;

    for (byte[] bad : new byte[][] {wrongFormat, Arrays.copyOf(c, 20), new byte[0], null}) {
      assertApiError(
          () -> decrypt(key, bad),
          KmsError.INVALID_PARAMETER,
          MalformedCiphertextException.MESSAGE);
    }
  }

  @Test
  void encrypt_ekmAnswersForAnotherVersion_isRefusedAndNoCiphertextIsReturned() {
    external.answerWithVersion = external.rotate();

    assertExternal(this::encrypt, EkmUnavailable.MalformedAnswer.class);
  }

  private byte[] encrypt() {
    return bed.crypto
        .encrypt(bed.caller(), key.vaultId(), key.id(), null, PLAIN, null)
        .ciphertext();
  }

  private CryptoService.Decrypted decrypt(Key k, byte[] ciphertext) {
    return bed.crypto.decrypt(bed.caller(), k.vaultId(), k.id(), null, ciphertext, null);
  }
}
