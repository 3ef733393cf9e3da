package io.ekms.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AesGcmTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] AAD = "vault-1/key-1/v1".getBytes(StandardCharsets.UTF_8);
  private static final byte[] PLAINTEXT =
      "attack at dawn, 32 bytes of text".getBytes(StandardCharsets.UTF_8);

  /**
   * Test cases 4 (AES-128), 10 (AES-192) and 16 (AES-256) of McGrew and Viega, "The Galois/Counter
   * Mode of Operation (GCM)", revised 2005: 96-bit IV, 20-byte AAD, 60-byte plaintext, 128-bit tag.
   */
  @ParameterizedTest
  @CsvSource({
    "feffe9928665731c6d6a8f9467308308,"
        + "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
        + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091,"
        + "5bc94fbc3221a5db94fae95ae7121a47",
    "feffe9928665731c6d6a8f9467308308feffe9928665731c,"
        + "3980ca0b3c00e841eb06fac4872a2757859e1ceaa6efd984628593b40ca1e19c"
        + "7d773d00c144c525ac619d18c84a3f4718e2448b2fe324d9ccda2710,"
        + "2519498e80f1478f37ba55bd6d27618c",
    "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308,"
        + "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
        + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662,"
        + "76fc6ece0f4e1768cddf8853bb2d551b"
  })
  void seal_gcmSpecVector_matchesFrozenCiphertextAndTag(String key, String ciphertext, String tag)
      throws Exception {
    byte[] k = HEX.parseHex(key);
    byte[] iv = HEX.parseHex("cafebabefacedbaddecaf888");
    byte[] aad = HEX.parseHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    byte[] plaintext =
        HEX.parseHex(
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");

    byte[] sealed = AesGcm.seal(k, iv, plaintext, aad);

    assertThat(HEX.formatHex(sealed)).isEqualTo(ciphertext + tag);
    assertThat(AesGcm.open(k, iv, sealed, aad)).isEqualTo(plaintext);
  }

  @ParameterizedTest
  @CsvSource({"16, true", "16, false", "24, true", "24, false", "32, true", "32, false"})
  void open_sealedWithKeySize_returnsPlaintext(int keyBytes, boolean withAad) throws Exception {
    byte[] key = Randoms.bytes(keyBytes);
    byte[] iv = AesGcm.newIv();
    byte[] aad = withAad ? AAD : null;

    byte[] sealed = AesGcm.seal(key, iv, PLAINTEXT, aad);

    assertThat(sealed).hasSize(PLAINTEXT.length + AesGcm.TAG_BYTES);
    assertThat(AesGcm.open(key, iv, sealed, aad)).isEqualTo(PLAINTEXT);
  }

  @Test
  void open_nullAndEmptyAad_areTheSame() throws Exception {
    byte[] key = Randoms.bytes(32);
    byte[] iv = AesGcm.newIv();
    byte[] sealed = AesGcm.seal(key, iv, PLAINTEXT, null);

    assertThat(AesGcm.open(key, iv, sealed, new byte[0])).isEqualTo(PLAINTEXT);
  }

  @Test
  void open_emptyPlaintext_returnsEmpty() throws Exception {
    byte[] key = Randoms.bytes(16);
    byte[] iv = AesGcm.newIv();
    byte[] sealed = AesGcm.seal(key, iv, new byte[0], AAD);

    assertThat(sealed).hasSize(AesGcm.TAG_BYTES);
    assertThat(AesGcm.open(key, iv, sealed, AAD)).isEmpty();
  }

  @Test
  void open_anyByteOfCiphertextOrTagFlipped_throwsAuthenticationFailed() {
    byte[] key = Randoms.bytes(32);
    byte[] iv = AesGcm.newIv();
    byte[] sealed = AesGcm.seal(key, iv, PLAINTEXT, AAD);
    Random random = new Random(20250102L);

    for (int i = 0; i < sealed.length; i++) {
      byte[] tampered = sealed.clone();
      tampered[i] ^= (byte) (1 + random.nextInt(255));
      assertRefused(key, iv, tampered, AAD);
    }
  }

  @Test
  void open_wrongAadMissingAadOrWrongKey_throwsAuthenticationFailed() {
    byte[] key = Randoms.bytes(32);
    byte[] iv = AesGcm.newIv();
    byte[] sealed = AesGcm.seal(key, iv, PLAINTEXT, AAD);

    assertRefused(key, iv, sealed, "vault-1/key-1/v2".getBytes(StandardCharsets.UTF_8));
    assertRefused(key, iv, sealed, null);
    assertRefused(Randoms.bytes(32), iv, sealed, AAD);
    assertRefused(key, AesGcm.newIv(), sealed, AAD);
  }

  @Test
  void open_shorterThanTag_throwsAuthenticationFailed() {
    byte[] key = Randoms.bytes(16);
    assertRefused(key, AesGcm.newIv(), new byte[AesGcm.TAG_BYTES - 1], null);
    assertRefused(key, AesGcm.newIv(), new byte[0], null);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 8, 11, 13, 16})
  void open_ivNot96Bits_throwsAuthenticationFailed(int ivBytes) {
    byte[] key = Randoms.bytes(16);
    byte[] sealed = AesGcm.seal(key, AesGcm.newIv(), PLAINTEXT, null);
    assertRefused(key, new byte[ivBytes], sealed, null);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 11, 13, 16})
  void seal_ivNot96Bits_throwsIllegalArgument(int ivBytes) {
    assertThatThrownBy(() -> AesGcm.seal(Randoms.bytes(16), new byte[ivBytes], PLAINTEXT, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("AES-GCM IV must be 12 bytes");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 15, 17, 31, 33, 64})
  void seal_keyOfInvalidLength_throwsIllegalArgument(int keyBytes) {
    assertThat(AesGcm.validKeyLength(keyBytes)).isFalse();
    assertThatThrownBy(() -> AesGcm.seal(new byte[keyBytes], AesGcm.newIv(), PLAINTEXT, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("AES key must be 16, 24 or 32 bytes");
  }

  @Test
  void newIv_twoCalls_are96BitsAndDiffer() {
    byte[] first = AesGcm.newIv();
    assertThat(first).hasSize(AesGcm.IV_BYTES);
    assertThat(AesGcm.newIv()).isNotEqualTo(first);
  }

  private static void assertRefused(byte[] key, byte[] iv, byte[] sealed, byte[] aad) {
    assertThatThrownBy(() -> AesGcm.open(key, iv, sealed, aad))
        .isExactlyInstanceOf(AuthenticationFailedException.class)
        .hasMessage(AuthenticationFailedException.MESSAGE)
        .hasNoCause();
  }
}
