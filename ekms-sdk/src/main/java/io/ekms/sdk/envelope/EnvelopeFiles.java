package io.ekms.sdk.envelope;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;

/**
 * Envelope encryption of files. Output goes to a temporary file next to the target and is moved
 * into place only when the whole message succeeded, so a failed decryption never leaves partial
 * plaintext under the target's name.
 */
public final class EnvelopeFiles {
  private final Envelope envelope;

  /** Files through {@code envelope}. */
  public EnvelopeFiles(Envelope envelope) {
    this.envelope = Objects.requireNonNull(envelope, "envelope");
  }

  /** Encrypts {@code source} into {@code target} (replaced if it exists). */
  public EnvelopeInfo encrypt(
      KeyReference key, Map<String, String> context, Path source, Path target) throws IOException {
    return write(target, source, (in, out) -> envelope.encrypt(key, context, in, out));
  }

  /** Decrypts {@code source} into {@code target} (replaced if it exists). */
  public EnvelopeInfo decrypt(Path source, Path target) throws IOException {
    return write(target, source, envelope::decrypt);
  }

  private interface Work {
    EnvelopeInfo run(InputStream in, OutputStream out) throws IOException;
  }

  private static EnvelopeInfo write(Path target, Path source, Work work) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
    boolean done = false;
    try {
      EnvelopeInfo info;
      try (InputStream in = Files.newInputStream(source);
          OutputStream out =
              new java.io.BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
        info = work.run(in, out);
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      done = true;
      return info;
    } finally {
      if (!done) {
        Files.deleteIfExists(temp);
      }
    }
  }
}
