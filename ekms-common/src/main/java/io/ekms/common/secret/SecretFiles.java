package io.ekms.common.secret;

import io.ekms.common.config.Misconfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files that hold key material or secrets (master keys, TLS and API private keys, admin tokens,
 * PINs, passphrases, passwords) must be readable by their owner only. On a POSIX file system a file
 * that group or others can read is refused before it is read, with one sentence naming the file and
 * the fix; elsewhere (no POSIX permissions) nothing is checked.
 */
public final class SecretFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private SecretFiles() {}

  /** Writes {@code content} to {@code file}, readable and writable by its owner only (0600). */
  public static Path write(Path file, byte[] content) throws IOException {
    if (Files.getFileStore(file.toAbsolutePath().getParent()).supportsFileAttributeView("posix")) {
      if (!Files.exists(file)) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      }
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
    return Files.write(file, content);
  }

  /** {@link #write(Path, byte[])} of {@code text} in UTF-8. */
  public static Path write(Path file, String text) throws IOException {
    return write(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * Refuses {@code file} (called {@code what} in the message, e.g. "master key file") when group or
   * others may read it. A file that cannot be inspected is left for the reader to report.
   *
   * @throws Misconfiguration when group or others may read the file
   */
  public static void requireOwnerOnly(Path file, String what) {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    Set<PosixFilePermission> permissions;
    try {
      permissions = view.readAttributes().permissions();
    } catch (IOException e) {
      return;
    }
    if (permissions.contains(PosixFilePermission.GROUP_READ)
        || permissions.contains(PosixFilePermission.OTHERS_READ)) {
      throw new Misconfiguration(
          "the "
              + what
              + " "
              + file
              + " can be read by group or others; run chmod 600 "
              + file
              + " (or chmod 400).");
    }
  }
}
