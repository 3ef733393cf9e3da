package io.ekms.sdk.envelope;

import io.ekms.common.secret.SecretBytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of one message, derived from the data key with HKDF-SHA256 (RFC 5869), salt = the
 * header's message id, so that every message has its own keys even if a data key is reused:
 *
 * <pre>
 * PRK        = HMAC-SHA256(key = message id, data = DEK)
 * frame key  = HMAC-SHA256(PRK, "ekms-envelope-v1 frame key"  || 0x01)   AES-256 key
 * header key = HMAC-SHA256(PRK, "ekms-envelope-v1 header key" || 0x01)   HMAC-SHA256 key
 * frame i IV = base IV with its last 8 bytes XORed with uint64 BE i
 * frame AAD  = SHA-256(header bytes || header tag) || uint64 BE i || final (0x00 or 0x01)
 * </pre>
 */
final class EnvelopeKeys {
  private static final byte[] FRAME_INFO = info("ekms-envelope-v1 frame key");
  private static final byte[] HEADER_INFO = info("ekms-envelope-v1 header key");
  static final int AAD_BYTES = 32 + 8 + 1;

  final SecretKeySpec frameKey;
  private final byte[] headerKey;
  private final byte[] baseIv;

  private EnvelopeKeys(SecretKeySpec frameKey, byte[] headerKey, byte[] baseIv) {
    this.frameKey = frameKey;
    this.headerKey = headerKey;
    this.baseIv = baseIv;
  }

  static EnvelopeKeys derive(SecretBytes dek, EnvelopeHeader header) {
    byte[] prk = dek.reveal(d -> hmac(header.messageId(), d));
    byte[] frame = hmac(prk, FRAME_INFO);
    byte[] head = hmac(prk, HEADER_INFO);
    Arrays.fill(prk, (byte) 0);
    SecretKeySpec frameKey = new SecretKeySpec(frame, "AES");
    Arrays.fill(frame, (byte) 0);
    return new EnvelopeKeys(frameKey, head, header.baseIv());
  }

  byte[] headerTag(byte[] headerBytes) {
    return hmac(headerKey, headerBytes);
  }

  /** Checks the tag in constant time; a mismatch is {@link InvalidEnvelopeException}. */
  void checkHeaderTag(byte[] headerBytes, byte[] tag) {
    if (!MessageDigest.isEqual(headerTag(headerBytes), tag)) {
      throw InvalidEnvelopeException.notAuthentic();
    }
  }

  /** Writes the IV of frame {@code index} into {@code iv}. */
  void frameIv(long index, byte[] iv) {
    System.arraycopy(baseIv, 0, iv, 0, baseIv.length);
    for (int i = 0; i < 8; i++) {
      iv[iv.length - 1 - i] ^= (byte) (index >>> (8 * i));
    }
  }

  /** Writes the AAD of frame {@code index} into {@code aad}, whose first 32 bytes hold the hash. */
  static void frameAad(long index, boolean last, byte[] aad) {
    ByteBuffer.wrap(aad, 32, 9).putLong(index).put((byte) (last ? 1 : 0));
  }

  /** An AAD buffer that starts with SHA-256(header bytes || tag). */
  static byte[] aadBuffer(byte[] headerBytes, byte[] tag) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(headerBytes);
      sha.update(tag);
      return Arrays.copyOf(sha.digest(), AAD_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK provides HMAC-SHA256", e);
    }
  }

  private static byte[] info(String label) {
    byte[] l = label.getBytes(StandardCharsets.US_ASCII);
    byte[] out = Arrays.copyOf(l, l.length + 1);
    out[l.length] = 0x01;
    return out;
  }
}
