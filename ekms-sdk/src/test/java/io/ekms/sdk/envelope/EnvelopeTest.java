package io.ekms.sdk.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EnvelopeTest {
  static final int F = 64;
  final LocalDataKeys keys = LocalDataKeys.random();
  final Envelope small = new Envelope(keys, F, RandomSource.secure());

  static Stream<Integer> boundarySizes() {
    return Stream.of(0, 1, F - 1, F, F + 1, 2 * F - 1, 2 * F, 2 * F + 1, 37 * F + 5, 40 * F);
  }

  @ParameterizedTest
  @MethodSource("boundarySizes")
  void roundTrip_sizesAroundFrameBoundaries_returnsPlaintext(int size) {
    byte[] plaintext = Messages.plaintext(size, size);
    byte[] message = Messages.encrypt(small, plaintext);
    int frames = size / F + 1;
    assertThat(message.length - Messages.headerLength(message)).isEqualTo(size + frames * 20);
    assertThat(Messages.decrypt(small, message)).isEqualTo(plaintext);
  }

  static Stream<Long> seeds() {
    return IntStream.range(0, 40).mapToObj(i -> 0x5eedL + i);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void roundTrip_seededRandomSizesAndFrames_returnsPlaintext(long seed) {
    Random random = new Random(seed);
    int frame = 16 + random.nextInt(300);
    int size = random.nextInt(frame * 12);
    Envelope envelope = new Envelope(keys, frame, random::nextBytes);
    byte[] plaintext = Messages.plaintext(seed, size);
    assertThat(Messages.decrypt(envelope, Messages.encrypt(envelope, plaintext)))
        .isEqualTo(plaintext);
  }

  @Test
  void roundTrip_defaultFrameManyFrames_returnsPlaintextAndContext() throws Exception {
    Envelope envelope = new Envelope(keys);
    byte[] plaintext = Messages.plaintext(7, 5 * Envelope.DEFAULT_FRAME_SIZE + 11);
    byte[] message = Messages.encrypt(envelope, plaintext);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EnvelopeInfo info = envelope.decrypt(new ByteArrayInputStream(message), out);
    assertThat(out.toByteArray()).isEqualTo(plaintext);
    assertThat(info).isEqualTo(new EnvelopeInfo(Messages.KEY, Messages.CONTEXT, plaintext.length));
  }

  @Test
  void encrypt_sameInputTwice_givesDifferentMessages() {
    byte[] plaintext = Messages.plaintext(1, 100);
    assertThat(Messages.encrypt(small, plaintext)).isNotEqualTo(Messages.encrypt(small, plaintext));
  }

  @Test
  void decrypt_otherMasterKey_failsAsInvalidEnvelope() {
    byte[] message = Messages.encrypt(small, Messages.plaintext(2, 10));
    Envelope other = new Envelope(LocalDataKeys.random(), F, RandomSource.secure());
    assertThatThrownBy(() -> Messages.decrypt(other, message))
        .isInstanceOf(InvalidEnvelopeException.class);
  }

  @Test
  void encrypt_contextTooLarge_failsBeforeCallingTheKms() {
    Map<String, String> huge = Map.of("k", "v".repeat(EncryptionContext.MAX_VALUE_BYTES + 1));
    assertThatThrownBy(() -> Messages.encrypt(small, huge, new byte[1]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decrypt_notAnEnvelope_failsAsInvalidEnvelope() {
    assertThatThrownBy(() -> Messages.decrypt(small, "hello world".getBytes()))
        .isInstanceOf(InvalidEnvelopeException.class);
    assertThatThrownBy(() -> Messages.decrypt(small, new byte[0]))
        .isInstanceOf(InvalidEnvelopeException.class);
  }

  @Test
  void decrypt_requiredContextHeld_returnsPlaintext() throws Exception {
    byte[] plaintext = Messages.plaintext(3, 100);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    small.decrypt(
        new ByteArrayInputStream(Messages.encrypt(small, plaintext)),
        out,
        Map.of("tenant", "acme"));
    assertThat(out.toByteArray()).isEqualTo(plaintext);
  }

  @Test
  void decrypt_requiredContextDiffers_failsBeforeUnwrappingOrWriting() {
    CountingDataKeys counting = new CountingDataKeys();
    Envelope envelope = new Envelope(counting, F, RandomSource.secure());
    byte[] message = Messages.encrypt(envelope, Messages.plaintext(4, 100));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(
            () ->
                envelope.decrypt(
                    new ByteArrayInputStream(message), out, Map.of("tenant", "globex")))
        .isInstanceOf(InvalidEnvelopeException.class)
        .hasMessage(
            "The envelope's encryption context does not match: entry 'tenant' is different.");
    assertThatThrownBy(
            () -> envelope.decrypt(new ByteArrayInputStream(message), out, Map.of("x", "y")))
        .hasMessageContaining("entry 'x' is missing");
    assertThat(out.size()).isZero();
    assertThat(counting.unwrapped.get()).isZero();
  }
}
