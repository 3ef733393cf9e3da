package io.ekms.sdk.envelope;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Decrypts the frames {@link FrameWriter} wrote. A frame's plaintext is written out only after its
 * tag verified. The stream must end with exactly one final frame ({@code L < F}) and nothing after
 * it: a missing final frame (truncation at a frame boundary, a dropped last frame) and trailing
 * bytes both fail, as do frames moved, swapped or taken from another message (their index, final
 * flag and header hash are in the AAD and IV).
 */
final class FrameReader {
  private FrameReader() {}

  /** Writes the plaintext of every frame to {@code out}; returns its length. */
  static long read(
      EnvelopeKeys keys, byte[] aad, int frameSize, DataInputStream in, OutputStream out)
      throws IOException {
    Cipher cipher = FrameWriter.cipher();
    byte[] sealed = new byte[frameSize + FrameWriter.TAG_BYTES];
    byte[] plain = new byte[frameSize];
    byte[] iv = new byte[EnvelopeHeader.IV_BYTES];
    long total = 0;
    for (long index = 0; index < FrameWriter.MAX_FRAMES; index++) {
      int n = length(in, frameSize);
      boolean last = n < frameSize;
      try {
        in.readFully(sealed, 0, n + FrameWriter.TAG_BYTES);
      } catch (EOFException e) {
        throw InvalidEnvelopeException.truncated();
      }
      keys.frameIv(index, iv);
      EnvelopeKeys.frameAad(index, last, aad);
      int length = open(cipher, keys, iv, aad, sealed, n, plain);
      out.write(plain, 0, length);
      total += length;
      if (last) {
        Arrays.fill(plain, (byte) 0);
        if (in.read() != -1) {
          throw new InvalidEnvelopeException("The envelope has bytes after its final frame.");
        }
        return total;
      }
    }
    throw new InvalidEnvelopeException("The envelope has too many frames.");
  }

  private static int length(DataInputStream in, int frameSize) throws IOException {
    int n;
    try {
      n = in.readInt();
    } catch (EOFException e) {
      throw InvalidEnvelopeException.truncated();
    }
    if (n < 0 || n > frameSize) {
      throw InvalidEnvelopeException.notAuthentic();
    }
    return n;
  }

  private static int open(
      Cipher cipher, EnvelopeKeys keys, byte[] iv, byte[] aad, byte[] sealed, int n, byte[] plain) {
    try {
      cipher.init(Cipher.DECRYPT_MODE, keys.frameKey, new GCMParameterSpec(128, iv));
      cipher.updateAAD(aad);
      return cipher.doFinal(sealed, 0, n + FrameWriter.TAG_BYTES, plain, 0);
    } catch (AEADBadTagException e) {
      throw InvalidEnvelopeException.notAuthentic();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
  }
}
