package io.ekms.cli;

import io.ekms.ekm.backup.BackupKey;
import io.ekms.ekm.backup.KeyShares;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where the key that opens a backup comes from: its file, or custodians' Shamir shares on standard
 * input, one a line (piped, or pasted one after another). Shares never go on the command line,
 * where other users could read them in the process list.
 */
final class BackupKeyInput {
  private static final int MAX_LINES = 300;
  private static final int MAX_LINE = 256;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(
        names = "--backup-key-file",
        paramLabel = "FILE",
        description = "The backup key file (32 bytes, 0600) the backup was made with.")
    Path file;

    @Option(
        names = "--shares-from-stdin",
        description =
            "Rebuild the backup key from Shamir shares read from standard input, one a line;"
                + " reading stops once the threshold the first share names is reached.")
    boolean shares;
  }

  BackupKey open() throws IOException {
    if (source.file != null) {
      return BackupKey.readFile(source.file);
    }
    return KeyShares.combine(readShares(System.in));
  }

  /**
   * Lines up to end of input, or up to as many non-blank ones as the first share's threshold, so
   * that pasting the shares at a terminal needs no end-of-input key.
   */
  static List<String> readShares(InputStream in) throws IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
    List<String> lines = new ArrayList<>();
    int wanted = Integer.MAX_VALUE;
    int given = 0;
    while (lines.size() < MAX_LINES && given < wanted) {
      String line = reader.readLine();
      if (line == null) {
        break;
      }
      if (line.length() > MAX_LINE) {
        throw new IllegalArgumentException(
            "line " + (lines.size() + 1) + " is too long for a share.");
      }
      lines.add(line);
      if (!line.isBlank()) {
        given++;
        if (given == 1) {
          wanted = threshold(line);
        }
      }
    }
    return lines;
  }

  /** The threshold field of a share line, or "read to the end" when it is not one. */
  private static int threshold(String line) {
    String[] parts = line.strip().split(":");
    try {
      return parts.length == 6 ? Math.max(1, Integer.parseInt(parts[2])) : Integer.MAX_VALUE;
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }
}
