package io.ekms.core.crypto;

import io.ekms.core.secret.SecretBytes;
import io.ekms.core.secret.Wipe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A 256-bit master key kept in a file readable by its owner only (0600). */
public final class MasterKeyFile {
  public static final int BYTES = 32;

  private MasterKeyFile() {}

  /** Writes a fresh random key; refuses to overwrite an existing file. */
  public static void create(Path file) throws IOException {
    byte[] key = Randoms.bytes(BYTES);
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(file, key);
    } finally {
      Wipe.bytes(key);
    }
  }

  public static SecretBytes read(Path file) throws IOException {
    byte[] key = Files.readAllBytes(file);
    if (key.length != BYTES) {
      Wipe.bytes(key);
      throw new IOException("master key file " + file + " must hold exactly 32 bytes");
    }
    return SecretBytes.adopt(key);
  }
}
