package io.ekms.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ekms.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@link ChainTamper} on a chain file: edits its lines in place, as a text editor would. The zeros
 * a running writer grew the file by are not lines: they are left out, so the edited file is
 * shorter.
 */
final class FileChainTamper implements ChainTamper {
  private final Path file;

  FileChainTamper(Path file) {
    this.file = file;
  }

  @Override
  public void setResult(long seq, String result) {
    edit(lines -> ((ObjectNode) lines.get(index(lines, seq))).put("result", result));
  }

  @Override
  public void breakDetails(long seq) {
    edit(lines -> ((ObjectNode) lines.get(index(lines, seq))).put("details", "not json"));
  }

  @Override
  public void delete(long seq) {
    edit(lines -> lines.remove(index(lines, seq)));
  }

  @Override
  public void deleteAndRenumber(long seq, long last) {
    edit(
        lines -> {
          lines.remove(index(lines, seq));
          for (JsonNode line : lines) {
            long s = line.path("seq").asLong();
            if (s > seq && s <= last) {
              ((ObjectNode) line).put("seq", s - 1);
            }
          }
        });
  }

  @Override
  public void swap(long a, long b) {
    edit(
        lines -> {
          int i = index(lines, a);
          int j = index(lines, b);
          JsonNode first = lines.get(i);
          lines.set(i, lines.get(j));
          lines.set(j, first);
          ((ObjectNode) lines.get(i)).put("seq", a);
          ((ObjectNode) lines.get(j)).put("seq", b);
        });
  }

  /** Cuts the file after its header and {@code keep} records, as a truncation would. */
  void keepFirst(int keep) {
    edit(lines -> lines.subList(keep, lines.size()).clear());
  }

  private void edit(Consumer<List<JsonNode>> change) {
    try {
      String all = Files.readString(file, StandardCharsets.UTF_8);
      List<String> text = all.substring(0, all.lastIndexOf('\n') + 1).lines().toList();
      List<JsonNode> lines = new ArrayList<>();
      for (String line : text.subList(1, text.size())) {
        lines.add(Json.mapper().readTree(line));
      }
      change.accept(lines);
      StringBuilder out = new StringBuilder(text.get(0)).append('\n');
      for (JsonNode line : lines) {
        out.append(Json.mapper().writeValueAsString(line)).append('\n');
      }
      Files.writeString(file, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int index(List<JsonNode> lines, long seq) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).path("seq").asLong() == seq) {
        return i;
      }
    }
    throw new IllegalArgumentException("no record " + seq);
  }
}
