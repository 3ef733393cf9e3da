package io.ekms.ekm.domain.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The wrapped-blob format against the frozen vectors of docs/google-ekm.md: key bytes 00..1f, IV
 * a0..ab, plaintext "wrapped DEK". Any change to the format breaks these on purpose.
 */
class WrappedBlobTest {
  static final byte[] KEY =
      HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  static final byte[] IV = HexFormat.of().parseHex("a0a1a2a3a4a5a6a7a8a9aaab");
  static final byte[] PLAINTEXT = "wrapped DEK".getBytes(StandardCharsets.US_ASCII);
  static final byte[] AAD = "aad".getBytes(StandardCharsets.US_ASCII);

  /** Version 1, AAD "aad". */
  static final String VECTOR_1 =
      "0100000001a0a1a2a3a4a5a6a7a8a9aaab916a1d5d35ae669f2620ccb91ffe47705948a058028b8bc5a15bec";

  /** Version 7, no AAD. */
  static final String VECTOR_7 =
      "0100000007a0a1a2a3a4a5a6a7a8a9aaab916a1d5d35ae669f2620cc28d6b94997088a976a78d3c29192fdcd";

  /** AES-256-GCM as the format prescribes: parse, then open with header || AAD as GCM AAD. */
  static byte[] open(byte[] blob, byte[] aad) throws Exception {
    WrappedBlob b = WrappedBlob.parse(blob);
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, b.iv()));
    c.updateAAD(WrappedBlob.gcmAad(b.versionNumber(), aad));
    byte[] ct = new byte[b.ciphertext().length + b.tag().length];
    System.arraycopy(b.ciphertext(), 0, ct, 0, b.ciphertext().length);
    System.arraycopy(b.tag(), 0, ct, b.ciphertext().length, b.tag().length);
    return c.doFinal(ct);
  }

  static byte[] seal(int version, byte[] aad) throws Exception {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, IV));
    c.updateAAD(WrappedBlob.gcmAad(version, aad));
    byte[] out = c.doFinal(PLAINTEXT);
    int n = out.length - 16;
    return new WrappedBlob(
            version, IV, Arrays.copyOfRange(out, 0, n), Arrays.copyOfRange(out, n, out.length))
        .encode();
  }

  @Test
  void encode_frozenVectors_byteForByte() throws Exception {
    assertThat(HexFormat.of().formatHex(seal(1, AAD))).isEqualTo(VECTOR_1);
    assertThat(HexFormat.of().formatHex(seal(7, null))).isEqualTo(VECTOR_7);
  }

  @Test
  void parse_frozenVector_givesItsParts() throws Exception {
    WrappedBlob b = WrappedBlob.parse(HexFormat.of().parseHex(VECTOR_7));
    assertThat(b.versionNumber()).isEqualTo(7);
    assertThat(b.iv()).isEqualTo(IV);
    assertThat(b.ciphertext()).hasSize(PLAINTEXT.length);
    assertThat(b.tag()).hasSize(16);
    assertThat(open(HexFormat.of().parseHex(VECTOR_1), AAD)).isEqualTo(PLAINTEXT);
    assertThat(open(HexFormat.of().parseHex(VECTOR_7), null)).isEqualTo(PLAINTEXT);
  }

  @Test
  void everyTruncation_refused() {
    byte[] blob = HexFormat.of().parseHex(VECTOR_1);
    for (int len = 0; len < blob.length; len++) {
      byte[] cut = Arrays.copyOf(blob, len);
      assertThat(refused(cut, AAD)).as("length " + len).isTrue();
    }
  }

  @Test
  void everyBitFlip_refused() {
    byte[] blob = HexFormat.of().parseHex(VECTOR_1);
    for (int bit = 0; bit < blob.length * 8; bit++) {
      byte[] flipped = blob.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThat(refused(flipped, AAD)).as("bit " + bit).isTrue();
    }
  }

  @Test
  void otherAad_refused() {
    assertThat(refused(HexFormat.of().parseHex(VECTOR_1), null)).isTrue();
    assertThat(refused(HexFormat.of().parseHex(VECTOR_7), AAD)).isTrue();
  }

  @Test
  void parse_otherFormatOrVersionZero_illegalArgument() {
    byte[] blob = HexFormat.of().parseHex(VECTOR_7);
    blob[0] = 2;
    assertThatThrownBy(() -> WrappedBlob.parse(blob)).isInstanceOf(IllegalArgumentException.class);
    byte[] zero = HexFormat.of().parseHex(VECTOR_7);
    zero[4] = 0;
    assertThatThrownBy(() -> WrappedBlob.parse(zero)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Whether the format or AES-GCM refuses {@code blob}. */
  private static boolean refused(byte[] blob, byte[] aad) {
    try {
      open(blob, aad);
      return false;
    } catch (IllegalArgumentException | AEADBadTagException e) {
      return true;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
