package io.ekms.cli.conformance;

import io.ekms.conformance.TokenSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Credentials read from files (a secret never goes on the command line, where ps shows it). */
final class Sources {
  private Sources() {}

  static TokenSource fixedFromFile(Path file) {
    return TokenSource.fixed(read(file));
  }

  static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
