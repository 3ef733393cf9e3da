package io.ekms.ekm.domain.xks;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The XKS byte formats. Ciphertext metadata, 5 bytes: {@code 0x01 (format) || key version number
 * (4, big-endian)}, so a decrypt finds the version that encrypted even after rotations. AES-GCM AAD
 * when metadata is present: {@code len(aad) (2, big-endian) || aad || len(metadata) (1) ||
 * metadata}; without metadata, the AAD as given.
 */
public final class XksCodec {
  static final int METADATA_BYTES = 5;
  private static final byte FORMAT = 0x01;

  private XksCodec() {}

  public static byte[] metadata(int versionNumber) {
    return ByteBuffer.allocate(METADATA_BYTES).put(FORMAT).putInt(versionNumber).array();
  }

  /** The version number a ciphertext's metadata names; anything not ours is invalid ciphertext. */
  public static int versionNumber(byte[] metadata) {
    if (metadata.length != METADATA_BYTES || metadata[0] != FORMAT) {
      throw XksError.INVALID_CIPHERTEXT.error("The ciphertext metadata is not this proxy's.");
    }
    int n = ByteBuffer.wrap(metadata, 1, 4).getInt();
    if (n < 1) {
      throw XksError.INVALID_CIPHERTEXT.error("The ciphertext metadata is not this proxy's.");
    }
    return n;
  }

  public static byte[] gcmAad(byte[] aad, byte[] metadata) {
    byte[] a = aad == null ? new byte[0] : aad;
    if (metadata == null) {
      return a;
    }
    return ByteBuffer.allocate(2 + a.length + 1 + metadata.length)
        .putShort((short) a.length)
        .put(a)
        .put((byte) metadata.length)
        .put(metadata)
        .array();
  }

  /** {@code Base64(SHA-256(aad || metadata || iv || ciphertext || tag))}. */
  public static String integrityValue(
      byte[] aad, byte[] metadata, byte[] iv, byte[] ct, byte[] tag) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      if (aad != null) {
        sha.update(aad);
      }
      if (metadata != null) {
        sha.update(metadata);
      }
      sha.update(iv);
      sha.update(ct);
      sha.update(tag);
      return Base64.getEncoder().encodeToString(sha.digest());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  /**
   * Decodes a Base64 field of at most {@code max} bytes: missing or malformed is
   * ValidationException, longer than this proxy supports is UnsupportedOperationException.
   */
  public static byte[] field(String name, String value, int max) {
    if (value == null) {
      throw XksError.VALIDATION.error("Field '" + name + "' is required.");
    }
    if (value.length() > 4L * ((max + 2L) / 3L)) {
      throw XksError.UNSUPPORTED_OPERATION.error(
          "Field '" + name + "' is longer than this proxy supports (" + max + " bytes).");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw XksError.VALIDATION.error("Field '" + name + "' is not valid Base64.");
    }
    if (bytes.length > max) {
      throw XksError.UNSUPPORTED_OPERATION.error(
          "Field '" + name + "' is longer than this proxy supports (" + max + " bytes).");
    }
    return bytes;
  }

  public static byte[] optionalField(String name, String value, int max) {
    return value == null ? null : field(name, value, max);
  }
}
