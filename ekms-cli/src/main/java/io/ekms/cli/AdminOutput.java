package io.ekms.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How an admin verb prints its server's answer: as the server sent it (JSON), or with {@code
 * --output table} the answer's {@code items} (or the answer itself) as aligned columns of their
 * plain fields, in the order the server names them.
 */
final class AdminOutput {
  private static final int MAX_COLUMNS = 8;

  private AdminOutput() {}

  static void print(PrintWriter out, Output.Format format, String answer) {
    if (answer.isEmpty()) {
      return;
    }
    if (format != Output.Format.TABLE) {
      out.println(answer);
      out.flush();
      return;
    }
    JsonNode tree;
    try {
      tree = Json.mapper().readTree(answer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<JsonNode> rows = new ArrayList<>();
    if (tree.path("items").isArray()) {
      tree.path("items").forEach(rows::add);
    } else {
      rows.add(tree);
    }
    out.print(Output.table(rows, columns(rows)));
    out.flush();
  }

  /** The plain (text, number, boolean) fields of the rows, first seen first, at most eight. */
  private static List<Output.Column> columns(List<JsonNode> rows) {
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode row : rows) {
      row.properties()
          .forEach(
              e -> {
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                  names.add(e.getKey());
                }
              });
    }
    return names.stream()
        .limit(MAX_COLUMNS)
        .map(n -> new Output.Column(header(n), "/" + n))
        .toList();
  }

  /** {@code currentVersionId} becomes {@code CURRENT_VERSION_ID}. */
  private static String header(String field) {
    return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }
}
