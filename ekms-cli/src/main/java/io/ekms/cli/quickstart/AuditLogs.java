package io.ekms.cli.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds one request in the KMS's and the EKM's audit JSON-lines files. The KMS forwards its
 * caller's {@code opc-request-id} to the EKM, so the same id names the operation on both sides.
 * Records reach the files shortly after the answer, so a lookup waits up to a few seconds.
 */
final class AuditLogs {
  private static final long WAIT_MILLIS = 5_000;
  private final Path kmsFile;
  private final Path ekmFile;

  AuditLogs(Path dataDir) {
    kmsFile = dataDir.resolve("kms/audit.jsonl");
    ekmFile = dataDir.resolve("ekm/audit.jsonl");
  }

  String kms(String requestId) throws Exception {
    return describe(find(kmsFile, requestId));
  }

  String ekm(String requestId) throws Exception {
    return describe(find(ekmFile, requestId));
  }

  private static List<JsonNode> find(Path file, String requestId) throws Exception {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (true) {
      List<JsonNode> found = new ArrayList<>();
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file)) {
          JsonNode record = Json.mapper().readTree(line);
          if (requestId.equals(record.path("requestId").asText())) {
            found.add(record);
          }
        }
      }
      if (!found.isEmpty()) {
        return found;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new QuickstartException("no record of request " + requestId + " in " + file);
      }
      Thread.sleep(100);
    }
  }

  private static String describe(List<JsonNode> records) {
    List<String> parts = new ArrayList<>();
    for (JsonNode r : records) {
      parts.add(
          r.path("operation").asText()
              + " by "
              + r.path("caller").asText()
              + " -> "
              + r.path("result").asText());
    }
    return String.join("; ", parts);
  }
}
