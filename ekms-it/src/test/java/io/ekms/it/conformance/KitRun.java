package io.ekms.it.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.cli.Main;
import io.ekms.common.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of {@code ekms conformance ...} in this JVM, as a user runs it: the exit code, what it
 * printed, and the JSON report it wrote.
 */
record KitRun(int exit, String printed, JsonNode report) {
  /** A run with {@code args}, the last element of which may be an array of more arguments. */
  static KitRun with(Path dir, Object... args) throws Exception {
    List<String> flat = new ArrayList<>();
    for (Object arg : args) {
      if (arg instanceof String[] more) {
        flat.addAll(List.of(more));
      } else {
        flat.add((String) arg);
      }
    }
    return of(dir, flat.toArray(String[]::new));
  }

  static KitRun of(Path dir, String... args) throws Exception {
    Path json = Files.createTempFile(dir, "report-", ".json");
    Path junit = Files.createTempFile(dir, "report-", ".xml");
    List<String> all = new ArrayList<>(List.of("conformance"));
    all.addAll(List.of(args));
    all.addAll(
        List.of("--json", json.toString(), "--junit", junit.toString(), "--latency-calls", "50"));
    StringWriter out = new StringWriter();
    var cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    var handler = cli.getExecutionExceptionHandler();
    cli.setExecutionExceptionHandler(
        (e, c, parsed) -> {
          e.printStackTrace(new PrintWriter(out, true));
          return handler.handleExecutionException(e, c, parsed);
        });
    int exit = cli.execute(all.toArray(String[]::new));
    JsonNode report = Files.size(json) == 0 ? null : Json.mapper().readTree(json.toFile());
    System.out.println(out);
    return new KitRun(exit, out.toString(), report);
  }

  /** The verdict of check {@code id} in the report. */
  String verdict(String id) {
    for (JsonNode check : report.path("checks")) {
      if (id.equals(check.path("id").asText())) {
        return check.path("verdict").asText();
      }
    }
    throw new AssertionError("no check " + id + " in " + printed);
  }

  /** The ids of the checks with {@code verdict}. */
  List<String> ids(String verdict) {
    List<String> ids = new ArrayList<>();
    report
        .path("checks")
        .forEach(
            c -> {
              if (verdict.equals(c.path("verdict").asText())) {
                ids.add(c.path("id").asText());
              }
            });
    return ids;
  }
}
