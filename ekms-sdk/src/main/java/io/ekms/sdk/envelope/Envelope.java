package io.ekms.sdk.envelope;

import io.ekms.common.secret.SecretBytes;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Objects;

/**
 * Envelope encryption of streams: each message gets a fresh AES-256 data key from the KMS ({@link
 * DataKeyProvider#generate}), is split into AES-256-GCM frames of a fixed size, and carries an
 * authenticated header naming the KMS key, the wrapped data key and the encryption context.
 * Decryption reads the key from the header and asks the KMS to unwrap it, so it needs no hint.
 * Memory stays at a few frames whatever the stream's length. The byte layout is in
 * docs/envelope-format.md.
 *
 * <p>Security contract: confidentiality and integrity of the plaintext, the context, the frame
 * order and the message's end, under the KMS key. Every integrity failure is an {@link
 * InvalidEnvelopeException}; KMS outages and refusals are the provider's exceptions. The context is
 * authenticated, not secret: do not put secrets in it.
 *
 * <p>Thread-safe: holds no per-message state. See {@link EnvelopeFiles} for files.
 */
public final class Envelope {
  /**
   * 256 KiB frames. Each frame costs a fresh GCM initialisation; on a shared 2-core machine (1 GiB,
   * best of 7 rounds) 64 KiB frames reached a median of about 0.6 of the raw AES-256-GCM rate and
   * 256 KiB frames about 0.75 ({@code ekms bench} measures the ratio; 0.74 in its committed run).
   * Most of the remaining gap is the copy from the input stream into the frame buffer, which raw
   * in-memory encryption does not pay. Memory stays at two frame buffers either way.
   */
  public static final int DEFAULT_FRAME_SIZE = 256 * 1024;

  private static final int DEK_BYTES = 32;
  private final DataKeyProvider keys;
  private final int frameSize;
  private final RandomSource random;

  /** Default frame size and secure randomness. */
  public Envelope(DataKeyProvider keys) {
    this(keys, DEFAULT_FRAME_SIZE, RandomSource.secure());
  }

  /**
   * A chosen frame size (16 bytes to 4 MiB) and randomness source (tests only: see {@link
   * RandomSource}).
   */
  public Envelope(DataKeyProvider keys, int frameSize, RandomSource random) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.random = Objects.requireNonNull(random, "random");
    if (frameSize < EnvelopeHeader.MIN_FRAME || frameSize > EnvelopeHeader.MAX_FRAME) {
      throw new IllegalArgumentException("frame size must be 16 bytes to 4 MiB");
    }
    this.frameSize = frameSize;
  }

  /**
   * Encrypts all of {@code in} into {@code out} under {@code key}, binding {@code context}. Neither
   * stream is closed.
   *
   * @throws IllegalArgumentException when the context breaks a bound (see the format document)
   */
  public EnvelopeInfo encrypt(
      KeyReference key, Map<String, String> context, InputStream in, OutputStream out)
      throws IOException {
    EncryptionContext.encode(context);
    byte[] messageId = new byte[EnvelopeHeader.MESSAGE_ID_BYTES];
    byte[] baseIv = new byte[EnvelopeHeader.IV_BYTES];
    random.nextBytes(messageId);
    random.nextBytes(baseIv);
    try (DataKey dk = keys.generate(key, context)) {
      if (dk.plaintext().length() != DEK_BYTES) {
        throw new IllegalStateException("the KMS returned a data key that is not 32 bytes");
      }
      var header = new EnvelopeHeader(frameSize, messageId, baseIv, key, dk.wrapped(), context);
      byte[] bytes = header.bytes();
      EnvelopeKeys derived = EnvelopeKeys.derive(dk.plaintext(), header);
      byte[] tag = derived.headerTag(bytes);
      out.write(bytes);
      out.write(tag);
      long n = FrameWriter.write(derived, EnvelopeKeys.aadBuffer(bytes, tag), frameSize, in, out);
      keys.encrypted(key, context, n);
      return new EnvelopeInfo(key, context, n);
    }
  }

  /**
   * Decrypts an envelope from {@code in} into {@code out}, asking the KMS named in the header to
   * unwrap its data key. Neither stream is closed. On {@link InvalidEnvelopeException} discard
   * whatever was written to {@code out}.
   */
  public EnvelopeInfo decrypt(InputStream in, OutputStream out) throws IOException {
    return decrypt(in, out, Map.of());
  }

  /**
   * Like {@link #decrypt(InputStream, OutputStream)}, but first checks that the header's context
   * holds every entry of {@code requiredContext} (it may hold more). A mismatch is an {@link
   * InvalidEnvelopeException} raised before the KMS is asked anything and before any output.
   */
  public EnvelopeInfo decrypt(InputStream in, OutputStream out, Map<String, String> requiredContext)
      throws IOException {
    DataInputStream data = new DataInputStream(new BufferedInputStream(in, 8192));
    EnvelopeHeader.Parsed parsed;
    try {
      parsed = EnvelopeHeader.read(data);
    } catch (EOFException e) {
      throw InvalidEnvelopeException.truncated();
    }
    EnvelopeHeader header = parsed.header();
    requireContext(header.context(), requiredContext);
    byte[] bytes = header.bytes();
    EnvelopeKeys derived;
    try (SecretBytes dek = keys.unwrap(header.key(), header.wrappedKey(), header.context())) {
      if (dek.length() != DEK_BYTES) {
        throw InvalidEnvelopeException.notAuthentic();
      }
      derived = EnvelopeKeys.derive(dek, header);
    }
    derived.checkHeaderTag(bytes, parsed.tag());
    long n =
        FrameReader.read(
            derived, EnvelopeKeys.aadBuffer(bytes, parsed.tag()), header.frameSize(), data, out);
    return new EnvelopeInfo(header.key(), header.context(), n);
  }

  /** Names the first required key that is missing or different; the context is not secret. */
  private static void requireContext(Map<String, String> actual, Map<String, String> required) {
    for (var e : required.entrySet()) {
      if (!e.getValue().equals(actual.get(e.getKey()))) {
        throw new InvalidEnvelopeException(
            "The envelope's encryption context does not match: entry '"
                + e.getKey()
                + "' is "
                + (actual.containsKey(e.getKey()) ? "different" : "missing")
                + ".");
      }
    }
  }
}
