package io.ekms.ekm.backend.software;

import io.ekms.common.secret.SecretBytes;
import io.ekms.common.secret.Wipe;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The 256-bit key that seals every software-held key version. It comes from a key file made at
 * {@code init} (mode 0600) or from a passphrase stretched by PBKDF2-HMAC-SHA256.
 */
public final class MasterKey {
  public static final int BYTES = 32;

  /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; for new keystores (each stores its own count). */
  public static final int PBKDF2_ITERATIONS = 600_000;

  private MasterKey() {}

  /** Writes a fresh random key file readable by its owner only; refuses to overwrite one. */
  public static void createFile(Path file) throws IOException {
    io.ekms.core.crypto.KeyFile.create(file);
  }

  public static SecretBytes readFile(Path file) throws IOException {
    return io.ekms.core.crypto.KeyFile.read(file);
  }

  /** Derives the master key from {@code passphrase} and the keystore's stored {@code salt}. */
  public static SecretBytes fromPassphrase(SecretBytes passphrase, byte[] salt, int iterations) {
    char[] chars = passphrase.reveal(MasterKey::utf8Chars);
    try {
      PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, BYTES * 8);
      byte[] key =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      spec.clearPassword();
      return SecretBytes.adopt(key);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2 is unavailable", e);
    } finally {
      Wipe.chars(chars);
    }
  }

  private static char[] utf8Chars(byte[] bytes) {
    CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
    char[] out = new char[decoded.remaining()];
    decoded.get(out);
    Wipe.chars(decoded.array());
    return out;
  }
}
