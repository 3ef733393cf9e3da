package io.ekms.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a verb's result: compact JSON on one line (as the admin verbs print their servers'
 * answers), or, with {@code --output table}, aligned columns of the fields people look at.
 */
final class Output {
  /** The {@code --output} choices. */
  enum Format {
    JSON,
    TABLE
  }

  /** One table column: its header and where its value is in the JSON (a JSON pointer). */
  record Column(String header, String pointer) {}

  private Output() {}

  static void print(PrintWriter out, Format format, Object result, List<Column> columns) {
    JsonNode tree = Json.mapper().valueToTree(result);
    if (format == Format.JSON) {
      out.println(Json.writeString(tree));
    } else {
      List<JsonNode> rows = new ArrayList<>();
      if (tree.isArray()) {
        tree.forEach(rows::add);
      } else {
        rows.add(tree);
      }
      out.print(table(rows, columns));
    }
    out.flush();
  }

  /** Columns separated by two spaces, each as wide as its widest cell; "-" for absent values. */
  static String table(List<JsonNode> rows, List<Column> columns) {
    List<String[]> cells = new ArrayList<>();
    cells.add(columns.stream().map(Column::header).toArray(String[]::new));
    for (JsonNode row : rows) {
      cells.add(
          columns.stream()
              .map(c -> row.at(c.pointer()))
              .map(v -> v.isMissingNode() || v.isNull() ? "-" : v.asText())
              .toArray(String[]::new));
    }
    int[] widths = new int[columns.size()];
    for (String[] line : cells) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] line : cells) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < line.length; i++) {
        text.append(i == 0 ? "" : "  ").append(String.format("%-" + widths[i] + "s", line[i]));
      }
      out.append(text.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
