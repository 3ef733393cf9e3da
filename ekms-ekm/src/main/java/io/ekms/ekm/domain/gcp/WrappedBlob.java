package io.ekms.ekm.domain.gcp;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The wrapped blob the EKM answers to a Cloud EKM wrap, byte by byte (docs/google-ekm.md, Wrapped
 * blob format):
 *
 * <pre>
 * offset  size  field
 * 0       1     format version, 0x01
 * 1       4     key version number, unsigned big-endian, 1 to 2^31-1
 * 5       12    AES-GCM IV
 * 17      n     AES-256-GCM ciphertext, n = plaintext length (1 or more)
 * 17+n    16    AES-GCM tag
 * </pre>
 *
 * The GCM additional data is the 5-byte header followed by the request's {@code
 * additionalAuthenticatedData} (the header has a fixed length, so the split is unambiguous): a blob
 * whose header is changed, or unwrapped with other AAD, fails authentication. The version number
 * lets blobs made before a rotation unwrap after it.
 *
 * @param versionNumber the key version that wrapped
 */
public record WrappedBlob(int versionNumber, byte[] iv, byte[] ciphertext, byte[] tag) {
  public static final byte FORMAT = 0x01;
  public static final int HEADER = 5;
  public static final int IV = 12;
  public static final int TAG = 16;
  public static final int MIN_LENGTH = HEADER + IV + 1 + TAG;

  public WrappedBlob {
    if (versionNumber < 1 || iv.length != IV || tag.length != TAG || ciphertext.length == 0) {
      throw new IllegalArgumentException("not a wrapped blob's parts");
    }
  }

  /** The blob's bytes. */
  public byte[] encode() {
    return ByteBuffer.allocate(HEADER + IV + ciphertext.length + TAG)
        .put(header(versionNumber))
        .put(iv)
        .put(ciphertext)
        .put(tag)
        .array();
  }

  /**
   * The parts of {@code blob}; {@link IllegalArgumentException} when it is too short, of another
   * format or names version 0 or a negative one. Authenticity is for AES-GCM to decide.
   */
  public static WrappedBlob parse(byte[] blob) {
    if (blob == null || blob.length < MIN_LENGTH || blob[0] != FORMAT) {
      throw new IllegalArgumentException("not a wrapped blob of this EKM");
    }
    int version = ByteBuffer.wrap(blob, 1, 4).getInt();
    if (version < 1) {
      throw new IllegalArgumentException("not a wrapped blob of this EKM");
    }
    int ctEnd = blob.length - TAG;
    return new WrappedBlob(
        version,
        Arrays.copyOfRange(blob, HEADER, HEADER + IV),
        Arrays.copyOfRange(blob, HEADER + IV, ctEnd),
        Arrays.copyOfRange(blob, ctEnd, blob.length));
  }

  /** The AES-GCM additional data of a blob under {@code versionNumber} with the caller's AAD. */
  public static byte[] gcmAad(int versionNumber, byte[] aad) {
    byte[] a = aad == null ? new byte[0] : aad;
    return ByteBuffer.allocate(HEADER + a.length).put(header(versionNumber)).put(a).array();
  }

  private static byte[] header(int versionNumber) {
    return ByteBuffer.allocate(HEADER).put(FORMAT).putInt(versionNumber).array();
  }

  @Override
  public String toString() {
    return "WrappedBlob[version " + versionNumber + ", " + ciphertext.length + " bytes]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WrappedBlob w && Arrays.equals(encode(), w.encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }
}
