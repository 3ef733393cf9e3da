package io.ekms.sdk.envelope;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts a stream into frames. Each frame is {@code uint32 BE plaintext length L || AES-GCM
 * ciphertext (L bytes) || tag (16 bytes)}. Every frame but the last holds exactly F plaintext
 * bytes; the last holds 0 to F−1, so a stream whose length is a multiple of F ends with an empty
 * frame, and the final flag in the AAD always marks the one frame with {@code L < F}. Memory is two
 * buffers of about F bytes, whatever the stream's length.
 */
final class FrameWriter {
  /** Frame indexes stop well short of where GCM's per-key limits would matter. */
  static final long MAX_FRAMES = 1L << 32;

  static final int TAG_BYTES = 16;

  private FrameWriter() {}

  /** Writes every frame of {@code in} to {@code out}; returns the plaintext length. */
  static long write(EnvelopeKeys keys, byte[] aad, int frameSize, InputStream in, OutputStream out)
      throws IOException {
    Cipher cipher = cipher();
    byte[] plain = new byte[frameSize];
    byte[] sealed = new byte[4 + frameSize + TAG_BYTES];
    byte[] iv = new byte[EnvelopeHeader.IV_BYTES];
    long total = 0;
    for (long index = 0; ; index++) {
      if (index >= MAX_FRAMES) {
        throw new IllegalArgumentException("the stream is too long for one envelope");
      }
      int n = in.readNBytes(plain, 0, frameSize);
      boolean last = n < frameSize;
      keys.frameIv(index, iv);
      EnvelopeKeys.frameAad(index, last, aad);
      sealed[0] = (byte) (n >>> 24);
      sealed[1] = (byte) (n >>> 16);
      sealed[2] = (byte) (n >>> 8);
      sealed[3] = (byte) n;
      int length;
      try {
        cipher.init(Cipher.ENCRYPT_MODE, keys.frameKey, new GCMParameterSpec(128, iv));
        cipher.updateAAD(aad);
        length = cipher.doFinal(plain, 0, n, sealed, 4);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES-GCM encryption failed", e);
      }
      out.write(sealed, 0, 4 + length);
      total += n;
      if (last) {
        java.util.Arrays.fill(plain, (byte) 0);
        return total;
      }
    }
  }

  static Cipher cipher() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK provides AES-GCM", e);
    }
  }
}
