package io.ekms.core.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM with 96-bit IVs and 128-bit tags, the only AEAD ekms uses.
 *
 * <p>Output layout of {@link #seal}: {@code ciphertext || tag(16)}, the JDK's. Callers supply the
 * IV from {@link #newIv()} (random; never reuse an IV under one key). Keys are 16, 24 or 32 bytes.
 */
public final class AesGcm {
  public static final int IV_BYTES = 12;
  public static final int TAG_BYTES = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private AesGcm() {}

  public static byte[] newIv() {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    return iv;
  }

  /**
   * Encrypts {@code plaintext}; returns {@code ciphertext || tag}.
   *
   * @throws IllegalArgumentException the key is not 16, 24 or 32 bytes, or the IV not 12
   */
  public static byte[] seal(byte[] key, byte[] iv, byte[] plaintext, byte[] aad) {
    // The JDK takes IVs of any length, but open() accepts only 96 bits: refuse here what could
    // never be decrypted.
    if (iv.length != IV_BYTES) {
      throw new IllegalArgumentException("AES-GCM IV must be 12 bytes");
    }
    try {
      Cipher cipher = init(Cipher.ENCRYPT_MODE, key, iv, aad);
      return cipher.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /** Decrypts {@code ciphertext || tag}; any authentication failure is one exception. */
  public static byte[] open(byte[] key, byte[] iv, byte[] ciphertextAndTag, byte[] aad)
      throws AuthenticationFailedException {
    if (iv.length != IV_BYTES || ciphertextAndTag.length < TAG_BYTES) {
      throw new AuthenticationFailedException();
    }
    try {
      Cipher cipher = init(Cipher.DECRYPT_MODE, key, iv, aad);
      return cipher.doFinal(ciphertextAndTag);
    } catch (AEADBadTagException e) {
      throw new AuthenticationFailedException();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
  }

  public static boolean validKeyLength(int bytes) {
    return bytes == 16 || bytes == 24 || bytes == 32;
  }

  private static Cipher init(int mode, byte[] key, byte[] iv, byte[] aad)
      throws GeneralSecurityException {
    if (!validKeyLength(key.length)) {
      throw new IllegalArgumentException("AES key must be 16, 24 or 32 bytes");
    }
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, iv));
    if (aad != null && aad.length > 0) {
      cipher.updateAAD(aad);
    }
    return cipher;
  }
}
