package io.ekms.sdk.envelope;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The envelope header, format version 1 (docs/envelope-format.md has the full layout):
 *
 * <pre>
 * offset size  field
 * 0      4     magic "EKMS" (0x45 0x4b 0x4d 0x53)
 * 4      1     format version, 0x01
 * 5      1     suite, 0x01: AES-256-GCM frames, HKDF-SHA256 key derivation, HMAC-SHA256 header tag
 * 6      4     frame size F, uint32 BE, MIN_FRAME..MAX_FRAME
 * 10     32    message id (random; the HKDF salt)
 * 42     12    base IV (random)
 * 54     1+Lv  vault id: uint8 Lv 1..255, US-ASCII 0x21..0x7e
 * ..     1+Lk  key id: uint8 Lk 1..255, US-ASCII 0x21..0x7e
 * ..     2+Lw  wrapped data key: uint16 BE Lw 1..MAX_WRAPPED, the KMS ciphertext
 * ..     C     encryption context, canonical (see EncryptionContext)
 * ..     32    header tag: HMAC-SHA256 under the header key over every byte before it
 * </pre>
 *
 * {@code bytes} is everything before the tag; the tag is checked by {@link EnvelopeKeys} once the
 * data key is unwrapped.
 */
record EnvelopeHeader(
    int frameSize,
    byte[] messageId,
    byte[] baseIv,
    KeyReference key,
    byte[] wrappedKey,
    Map<String, String> context) {
  static final byte[] MAGIC = {0x45, 0x4b, 0x4d, 0x53};
  static final byte VERSION = 0x01;
  static final byte SUITE = 0x01;
  static final int MIN_FRAME = 16;
  static final int MAX_FRAME = 4 << 20;
  static final int MESSAGE_ID_BYTES = 32;
  static final int IV_BYTES = 12;
  static final int MAX_WRAPPED = 8192;
  static final int TAG_BYTES = 32;

  EnvelopeHeader {
    if (frameSize < MIN_FRAME || frameSize > MAX_FRAME) {
      throw new IllegalArgumentException("frame size must be 16 bytes to 4 MiB");
    }
    if (messageId.length != MESSAGE_ID_BYTES || baseIv.length != IV_BYTES) {
      throw new IllegalArgumentException("message id must be 32 bytes and base IV 12");
    }
    if (wrappedKey.length < 1 || wrappedKey.length > MAX_WRAPPED) {
      throw new IllegalArgumentException("wrapped key must be 1 to 8192 bytes");
    }
    context = Map.copyOf(context);
  }

  /** Every header byte before the tag. */
  byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + wrappedKey.length);
    out.writeBytes(MAGIC);
    out.write(VERSION);
    out.write(SUITE);
    out.writeBytes(ByteBuffer.allocate(4).putInt(frameSize).array());
    out.writeBytes(messageId);
    out.writeBytes(baseIv);
    ascii(out, key.vaultId());
    ascii(out, key.keyId());
    out.writeBytes(EncryptionContext.u16(wrappedKey.length));
    out.writeBytes(wrappedKey);
    out.writeBytes(EncryptionContext.encode(context));
    return out.toByteArray();
  }

  /**
   * Reads a header and its tag from {@code in}, stopping right after the tag.
   *
   * @throws InvalidEnvelopeException when the bytes are not a version-1 header
   */
  static Parsed read(DataInputStream in) throws IOException {
    byte[] fixed = new byte[54];
    in.readFully(fixed);
    if (!Arrays.equals(fixed, 0, 4, MAGIC, 0, 4)) {
      throw new InvalidEnvelopeException("The input is not an ekms envelope.");
    }
    if (fixed[4] != VERSION || fixed[5] != SUITE) {
      throw new InvalidEnvelopeException("The envelope's format version or suite is unsupported.");
    }
    ByteBuffer b = ByteBuffer.wrap(fixed, 6, 48);
    int frameSize = b.getInt();
    if (frameSize < MIN_FRAME || frameSize > MAX_FRAME) {
      throw new InvalidEnvelopeException("The envelope's frame size is out of bounds.");
    }
    byte[] messageId = new byte[MESSAGE_ID_BYTES];
    byte[] baseIv = new byte[IV_BYTES];
    b.get(messageId).get(baseIv);
    String vaultId = ascii(in);
    String keyId = ascii(in);
    int wrappedLength = in.readUnsignedShort();
    if (wrappedLength < 1 || wrappedLength > MAX_WRAPPED) {
      throw new InvalidEnvelopeException("The envelope's wrapped key has an impossible length.");
    }
    byte[] wrapped = new byte[wrappedLength];
    in.readFully(wrapped);
    Map<String, String> context = EncryptionContext.read(in);
    byte[] tag = new byte[TAG_BYTES];
    in.readFully(tag);
    var header =
        new EnvelopeHeader(
            frameSize, messageId, baseIv, new KeyReference(vaultId, keyId), wrapped, context);
    return new Parsed(header, tag);
  }

  /** A header as read, with the tag that still has to be checked. */
  record Parsed(EnvelopeHeader header, byte[] tag) {}

  private static void ascii(ByteArrayOutputStream out, String id) {
    out.write(id.length());
    out.writeBytes(id.getBytes(StandardCharsets.US_ASCII));
  }

  private static String ascii(DataInputStream in) throws IOException {
    int length = in.readUnsignedByte();
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    String id = new String(bytes, StandardCharsets.US_ASCII);
    if (!KeyReference.printable(id)) {
      throw new InvalidEnvelopeException("The envelope's key reference is malformed.");
    }
    return id;
  }
}
