package io.ekms.stack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Directory trees the stack's tools make and throw away: data directories, unpacked binaries. */
public final class Trees {
  private Trees() {}

  /**
   * Deletes {@code dir} and everything in it, deepest first; what cannot be deleted (a file still
   * open) is left, and a tree that cannot be walked is reported on stderr and left.
   */
  public static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      System.err.println("Could not delete " + dir + ": " + e.getMessage());
    }
  }
}
