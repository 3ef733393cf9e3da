package io.ekms.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Scratch directories under the module's {@code target/}, so test leftovers stay in the build. */
public final class TempDirs {
  private TempDirs() {}

  public static Path create(String prefix) {
    try {
      Path base = Path.of("target", "test-scratch");
      Files.createDirectories(base);
      return Files.createTempDirectory(base, prefix).toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
