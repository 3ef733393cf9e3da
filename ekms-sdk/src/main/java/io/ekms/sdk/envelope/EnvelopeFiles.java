package io.ekms.sdk.envelope;

import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * Envelope encryption of files. Output goes to a temporary file next to the target and is moved
 * into place only when the whole message succeeded, so a failed decryption never leaves partial
 * plaintext under the target's name.
 */
public final class EnvelopeFiles {
  private final Envelope envelope;
  private final LongConsumer progress;

  /** Files through {@code envelope}. */
  public EnvelopeFiles(Envelope envelope) {
    this(envelope, read -> {});
  }

  /**
   * Files through {@code envelope}, telling {@code progress} how many bytes of the source have been
   * read so far (for a progress bar; called on the working thread, after each read).
   */
  public EnvelopeFiles(Envelope envelope, LongConsumer progress) {
    this.envelope = Objects.requireNonNull(envelope, "envelope");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /** Encrypts {@code source} into {@code target} (replaced if it exists). */
  public EnvelopeInfo encrypt(
      KeyReference key, Map<String, String> context, Path source, Path target) throws IOException {
    return write(target, source, (in, out) -> envelope.encrypt(key, context, in, out));
  }

  /** Decrypts {@code source} into {@code target} (replaced if it exists). */
  public EnvelopeInfo decrypt(Path source, Path target) throws IOException {
    return decrypt(source, target, Map.of());
  }

  /**
   * Decrypts {@code source} into {@code target} (replaced if it exists) when the envelope's context
   * holds every entry of {@code requiredContext}; see {@link Envelope#decrypt(InputStream,
   * OutputStream, Map)}.
   */
  public EnvelopeInfo decrypt(Path source, Path target, Map<String, String> requiredContext)
      throws IOException {
    Objects.requireNonNull(requiredContext, "requiredContext");
    return write(target, source, (in, out) -> envelope.decrypt(in, out, requiredContext));
  }

  private interface Work {
    EnvelopeInfo run(InputStream in, OutputStream out) throws IOException;
  }

  private EnvelopeInfo write(Path target, Path source, Work work) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
    boolean done = false;
    try {
      EnvelopeInfo info;
      try (InputStream in = new Counting(Files.newInputStream(source), progress);
          OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
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

  /** Counts the bytes read and reports the running total. */
  private static final class Counting extends FilterInputStream {
    private final LongConsumer progress;
    private long total;

    Counting(InputStream in, LongConsumer progress) {
      super(in);
      this.progress = progress;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        progress.accept(++total);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        total += n;
        progress.accept(total);
      }
      return n;
    }
  }
}
