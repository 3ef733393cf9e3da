package io.ekms.kms.ciphertext;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The KMS's ciphertext: what {@code encrypt} and {@code generateDataEncryptionKey} return, Base64
 * encoded. It names the KMS key version that made it, so decrypt needs no hint and rotation never
 * breaks old ciphertext. Layout, version 1 (all lengths checked before anything is allocated):
 *
 * <pre>
 * offset   size  field
 * 0        1     format version, 0x01
 * 1        1     L, length of the key version OCID, 1..255
 * 2        L     key version OCID, US-ASCII
 * 2+L      12    AES-GCM IV chosen by the EKM
 * 14+L     16    AES-GCM tag
 * 30+L     N     EKM ciphertext, 1..MAX_BODY bytes (N equals the plaintext length)
 * </pre>
 *
 * <p>The header (bytes 0 to 2+L) is authenticated: it is part of the AAD the EKM binds (see {@link
 * AssociatedData}), so changing the named version fails decryption.
 */
public record KmsCiphertext(String keyVersionId, byte[] iv, byte[] tag, byte[] body) {
  public static final byte FORMAT_V1 = 0x01;
  public static final int IV_BYTES = 12;
  public static final int TAG_BYTES = 16;
  public static final int MAX_ID = 255;
  public static final int MAX_BODY = 4096;
  public static final int MAX_ENCODED = 2 + MAX_ID + IV_BYTES + TAG_BYTES + MAX_BODY;

  public KmsCiphertext {
    byte[] id = ascii(keyVersionId);
    if (id.length < 1 || id.length > MAX_ID) {
      throw new IllegalArgumentException("key version id must be 1 to 255 ASCII characters");
    }
    if (iv.length != IV_BYTES || tag.length != TAG_BYTES) {
      throw new IllegalArgumentException("IV must be 12 bytes and tag 16 bytes");
    }
    if (body.length < 1 || body.length > MAX_BODY) {
      throw new IllegalArgumentException("ciphertext body must be 1 to 4096 bytes");
    }
  }

  public byte[] encode() {
    byte[] header = header();
    return ByteBuffer.allocate(header.length + IV_BYTES + TAG_BYTES + body.length)
        .put(header)
        .put(iv)
        .put(tag)
        .put(body)
        .array();
  }

  /** Bytes 0 to 2+L: format version, OCID length and OCID, as bound into the AAD. */
  public byte[] header() {
    byte[] id = ascii(keyVersionId);
    return ByteBuffer.allocate(2 + id.length).put(FORMAT_V1).put((byte) id.length).put(id).array();
  }

  /** Parses untrusted bytes; every failure is the same {@link MalformedCiphertextException}. */
  public static KmsCiphertext parse(byte[] bytes) {
    if (bytes == null
        || bytes.length < 2 + 1 + IV_BYTES + TAG_BYTES + 1
        || bytes.length > MAX_ENCODED
        || bytes[0] != FORMAT_V1) {
      throw new MalformedCiphertextException();
    }
    int idLength = bytes[1] & 0xff;
    int bodyStart = 2 + idLength + IV_BYTES + TAG_BYTES;
    if (idLength == 0 || bodyStart >= bytes.length) {
      throw new MalformedCiphertextException();
    }
    String id = new String(bytes, 2, idLength, StandardCharsets.US_ASCII);
    for (int i = 2; i < 2 + idLength; i++) {
      if (bytes[i] < 0x21 || bytes[i] > 0x7e) {
        throw new MalformedCiphertextException();
      }
    }
    int ivStart = 2 + idLength;
    return new KmsCiphertext(
        id,
        Arrays.copyOfRange(bytes, ivStart, ivStart + IV_BYTES),
        Arrays.copyOfRange(bytes, ivStart + IV_BYTES, bodyStart),
        Arrays.copyOfRange(bytes, bodyStart, bytes.length));
  }

  private static byte[] ascii(String s) {
    if (s == null) {
      throw new IllegalArgumentException("key version id is required");
    }
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public String toString() {
    return "KmsCiphertext[" + keyVersionId + ", " + body.length + " bytes]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KmsCiphertext c
        && c.keyVersionId.equals(keyVersionId)
        && Arrays.equals(c.iv, iv)
        && Arrays.equals(c.tag, tag)
        && Arrays.equals(c.body, body);
  }

  @Override
  public int hashCode() {
    return keyVersionId.hashCode() * 31 + Arrays.hashCode(body);
  }
}
