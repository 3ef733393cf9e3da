package io.ekms.sdk.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every change to a message fails with {@link InvalidEnvelopeException} and nothing else. */
class EnvelopeTamperTest {
  static final int F = 64;
  final Envelope envelope = new Envelope(LocalDataKeys.random(), F, RandomSource.secure());
  final byte[] plaintext = Messages.plaintext(3, 4 * F + 10);
  final byte[] message = Messages.encrypt(envelope, plaintext);
  final int header = Messages.headerLength(message);
  static final int SEALED = 4 + F + 16;

  void assertInvalid(byte[] tampered) {
    assertThatThrownBy(() -> Messages.decrypt(envelope, tampered))
        .isInstanceOf(InvalidEnvelopeException.class);
  }

  @Test
  void decrypt_eachHeaderByteFlipped_fails() {
    for (int i = 0; i < header; i++) {
      for (int bit : new int[] {0x01, 0x80}) {
        byte[] tampered = message.clone();
        tampered[i] ^= (byte) bit;
        assertInvalid(tampered);
      }
    }
  }

  @Test
  void decrypt_eachFrameByteFlipped_fails() {
    for (int i = header; i < message.length; i++) {
      byte[] tampered = message.clone();
      tampered[i] ^= 0x01;
      assertInvalid(tampered);
    }
  }

  @Test
  void decrypt_truncatedAnywhere_fails() {
    assertThat(Messages.decrypt(envelope, message)).isEqualTo(plaintext);
    for (int length = 0; length < message.length; length++) {
      assertInvalid(Arrays.copyOf(message, length));
    }
  }

  @Test
  void decrypt_truncatedAtEachFrameBoundary_fails() {
    for (int frames = 0; frames <= 4; frames++) {
      assertInvalid(Arrays.copyOf(message, header + frames * SEALED));
    }
  }

  @Test
  void decrypt_finalFrameDropped_fails() {
    assertThat(message.length).isEqualTo(header + 4 * SEALED + 4 + 10 + 16);
    assertInvalid(Arrays.copyOf(message, header + 4 * SEALED));
  }

  @Test
  void decrypt_twoFramesSwapped_fails() {
    byte[] tampered = message.clone();
    System.arraycopy(message, header, tampered, header + SEALED, SEALED);
    System.arraycopy(message, header + SEALED, tampered, header, SEALED);
    assertInvalid(tampered);
  }

  @Test
  void decrypt_frameFromAnotherMessage_fails() {
    byte[] other = Messages.encrypt(envelope, plaintext);
    byte[] tampered = message.clone();
    System.arraycopy(other, header + SEALED, tampered, header + SEALED, SEALED);
    assertInvalid(tampered);
  }

  @Test
  void decrypt_headerFromAnotherMessage_fails() {
    byte[] other = Messages.encrypt(envelope, plaintext);
    byte[] tampered = message.clone();
    System.arraycopy(other, 0, tampered, 0, header);
    assertInvalid(tampered);
  }

  @Test
  void decrypt_bytesAfterFinalFrame_fails() {
    byte[] tampered = Arrays.copyOf(message, message.length + 1);
    assertInvalid(tampered);
  }

  @Test
  void decrypt_fullFrameDuplicatedAsLast_fails() {
    byte[] tampered = Arrays.copyOf(message, header + 5 * SEALED);
    System.arraycopy(message, header + 3 * SEALED, tampered, header + 4 * SEALED, SEALED);
    assertInvalid(tampered);
  }
}
