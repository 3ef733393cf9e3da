package io.ekms.core.crypto;

import io.ekms.common.secret.SecretBytes;
import io.ekms.common.secret.SecretFiles;
import io.ekms.common.secret.Wipe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A 256-bit master key kept in a file of exactly 32 random bytes, readable by its owner only
 * (0600). Used by every ekms server that seals keys at rest (the EKM's software keystore, the
 * identity server's signing keys).
 */
public final class KeyFile {
  public static final int BYTES = 32;

  private KeyFile() {}

  /**
   * Writes a fresh random key file readable by its owner only, creating parent directories.
   *
   * @throws java.nio.file.FileAlreadyExistsException when {@code file} exists: a key is never
   *     overwritten, since everything sealed under it would be lost
   */
  public static void create(Path file) throws IOException {
    byte[] key = Randoms.bytes(BYTES);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(file, key);
    } finally {
      Wipe.bytes(key);
    }
  }

  /**
   * Reads the key; the caller owns (and closes) the result.
   *
   * @throws IOException when the file cannot be read or does not hold exactly 32 bytes
   * @throws io.ekms.common.config.Misconfiguration when group or others may read the file
   */
  public static SecretBytes read(Path file) throws IOException {
    SecretFiles.requireOwnerOnly(file, "master key file");
    byte[] key = Files.readAllBytes(file);
    if (key.length != BYTES) {
      Wipe.bytes(key);
      throw new IOException("master key file " + file + " must hold exactly 32 bytes");
    }
    return SecretBytes.adopt(key);
  }
}
