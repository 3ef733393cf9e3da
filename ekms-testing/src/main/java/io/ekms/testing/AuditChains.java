package io.ekms.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The audit chain files of a server on the embedded store ({@code <dataDir>/audit-chains}), read as
 * a test reads them: the record of truth, complete once a request was answered (the SIEM copy
 * {@code audit.jsonl} may lag it by a few milliseconds).
 */
public final class AuditChains {
  private AuditChains() {}

  /** Every record line of every chain file, headers left out. */
  public static List<String> recordLines(Path dataDir) {
    List<String> out = new ArrayList<>();
    for (Path file : files(dataDir)) {
      try {
        String all = Files.readString(file, StandardCharsets.UTF_8);
        // a running writer grows its file ahead of the data with zeros: only whole lines count
        List<String> lines = all.substring(0, all.lastIndexOf('\n') + 1).lines().toList();
        out.addAll(lines.subList(Math.min(1, lines.size()), lines.size()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** The bytes of every chain file, one after the other (for scans of what is at rest). */
  public static byte[] bytes(Path dataDir) {
    return String.join("\n", recordLines(dataDir)).getBytes(StandardCharsets.UTF_8);
  }

  private static List<Path> files(Path dataDir) {
    try (Stream<Path> files = Files.list(dataDir.resolve("audit-chains"))) {
      return files.filter(f -> f.toString().endsWith(".chain")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
