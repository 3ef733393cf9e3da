package io.ekms.ekm.backup;

import io.ekms.common.secret.SecretBytes;
import io.ekms.common.secret.SecretFiles;
import io.ekms.common.secret.Wipe;
import io.ekms.core.crypto.Randoms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit key a backup file is sealed under; never the EKM's master key. It lives in a file of
 * exactly 32 random bytes (0600), or only in custodians' Shamir shares ({@link KeyShares}). Its
 * {@link #id()} names it in file headers and shares without revealing anything about it.
 */
public final class BackupKey implements AutoCloseable {
  public static final int BYTES = 32;
  private static final byte[] ID_LABEL = "ekms backup key id v1".getBytes(StandardCharsets.UTF_8);

  private final SecretBytes key;
  private final String id;

  private BackupKey(SecretBytes key) {
    if (key.length() != BYTES) {
      throw new IllegalArgumentException("a backup key is 32 bytes");
    }
    this.key = key;
    this.id = key.reveal(BackupKey::idOf);
  }

  /** A fresh random key. */
  public static BackupKey generate() {
    return new BackupKey(SecretBytes.adopt(Randoms.bytes(BYTES)));
  }

  /** Takes ownership of {@code bytes} (32 of them). */
  static BackupKey adopt(byte[] bytes) {
    return new BackupKey(SecretBytes.adopt(bytes));
  }

  /**
   * Writes a fresh key to {@code file}, readable by its owner only; answers its id.
   *
   * @throws java.nio.file.FileAlreadyExistsException when {@code file} exists
   */
  public static String createFile(Path file) throws IOException {
    try (BackupKey fresh = generate()) {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      fresh.key.reveal(
          k -> {
            try {
              return Files.write(file, k);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
      return fresh.id();
    }
  }

  /**
   * Reads a key file.
   *
   * @throws BackupRefusedException when it does not hold exactly 32 bytes
   * @throws io.ekms.common.config.Misconfiguration when group or others may read it
   */
  public static BackupKey readFile(Path file) throws IOException {
    SecretFiles.requireOwnerOnly(file, "backup key file");
    if (Files.size(file) != BYTES) {
      throw BackupRefusedException.refused(
          "the backup key file " + file + " must hold exactly 32 bytes.");
    }
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length != BYTES) {
      Wipe.bytes(bytes);
      throw BackupRefusedException.refused(
          "the backup key file " + file + " must hold exactly 32 bytes.");
    }
    return adopt(bytes);
  }

  /** 16 hex digits: the first 8 bytes of HMAC-SHA256(key, "ekms backup key id v1"). */
  public String id() {
    return id;
  }

  /** Runs {@code reader} over the key bytes; the reader must not keep the array. */
  <T> T reveal(java.util.function.Function<byte[], T> reader) {
    return key.reveal(reader);
  }

  @Override
  public void close() {
    key.close();
  }

  @Override
  public String toString() {
    return "BackupKey[" + id + "]";
  }

  static String idOf(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] full = mac.doFinal(ID_LABEL);
      return HexFormat.of().formatHex(full, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }
}
