package io.ekms.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Writes a fuzz run's tally (answers by status and code) under {@code target/}, for the record. */
final class FuzzReport {
  private FuzzReport() {}

  static void write(String api, long seed, java.util.List<Fuzz.Outcome> outcomes)
      throws IOException {
    Map<String, Integer> tally = new TreeMap<>();
    for (Fuzz.Outcome o : outcomes) {
      String key = o.answer() == null ? "dropped" : o.answer().status() + " " + o.answer().code();
      tally.merge(key, 1, Integer::sum);
    }
    StringBuilder out = new StringBuilder();
    out.append(api)
        .append(" fuzz, seed ")
        .append(seed)
        .append(", ")
        .append(outcomes.size())
        .append(" requests\n");
    tally.forEach((k, n) -> out.append(String.format("%6d  %s%n", n, k)));
    Path dir = Files.createDirectories(Path.of("target", "fuzz"));
    Files.writeString(dir.resolve(api + ".txt"), out);
  }
}
