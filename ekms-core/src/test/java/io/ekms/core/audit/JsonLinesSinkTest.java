package io.ekms.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesSinkTest {
  /** A time at which a flush is due, whatever the sink's start. */
  private static final long DUE = System.nanoTime() + 10 * JsonLinesSink.FLUSH_NANOS;

  private static AuditEntry entry(long seq) {
    AuditRecord r = AuditFixtures.record("req-" + seq, (int) seq);
    return new AuditEntry(
        "node-a", seq, r, AuditChain.GENESIS_HASH, AuditChain.hash("p", "node-a", seq, r));
  }

  private static AuditChain.Linked linked(long seq) {
    AuditEntry e = entry(seq);
    return new AuditChain.Linked(e, AuditChain.details(e.record().details()));
  }

  @Test
  void line_entry_isOneLineWithAllFields() throws Exception {
    String line = JsonLinesSink.line(entry(3));

    assertThat(line).doesNotContain("\n");
    JsonNode json = Json.mapper().readTree(line);
    assertThat(json.get("node").asText()).isEqualTo("node-a");
    assertThat(json.get("seq").asLong()).isEqualTo(3);
    assertThat(json.get("time").asText()).isEqualTo("2025-01-02T03:04:05.681Z");
    assertThat(json.get("operation").asText()).isEqualTo("ENCRYPT");
    assertThat(json.get("details").get("bytes").asText()).isEqualTo("3");
    assertThat(json.get("prevHash").asText()).isEqualTo(AuditChain.GENESIS_HASH);
    assertThat(json.get("hash").asText()).hasSize(64);
  }

  @Test
  void write_unwritableFile_doesNotThrowAndWritesTheHeldLinesLater() throws Exception {
    Path dir = AuditFixtures.scratch("audit-sink-").resolve("not-yet");
    Path file = dir.resolve("audit.jsonl");
    try (JsonLinesSink sink = new JsonLinesSink(file)) {
      sink.write(List.of(linked(1)), DUE);
      Files.createDirectories(dir);
      sink.write(List.of(linked(2), linked(3)), 2 * DUE);
      assertThat(sink.pending()).isFalse();
    }

    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(3);
    assertThat(Json.mapper().readTree(lines.get(0)).get("seq").asLong()).isEqualTo(1);
  }

  @Test
  void write_withinTheFlushInterval_gathersUntilDueOrClosed() throws Exception {
    Path file = AuditFixtures.scratch("audit-sink-").resolve("audit.jsonl");
    try (JsonLinesSink sink = new JsonLinesSink(file)) {
      long start = System.nanoTime();
      sink.flush(start);
      sink.write(List.of(linked(1)), start + 1);
      sink.write(List.of(linked(2)), start + 2);
      assertThat(sink.pending()).isTrue();
      assertThat(file).doesNotExist();

      sink.write(List.of(linked(3)), start + JsonLinesSink.FLUSH_NANOS);
      assertThat(sink.pending()).isFalse();
      assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(3);

      sink.write(List.of(linked(4)), start + JsonLinesSink.FLUSH_NANOS + 1);
    }
    assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(4);
  }
}
