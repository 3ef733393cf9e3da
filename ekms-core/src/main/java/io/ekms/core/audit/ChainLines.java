package io.ekms.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.ekms.common.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lines of a chain file ({@link ChainFile}): a header naming the node and the hash format, then
 * one record per line in the JSON-lines form a SIEM gets ({@link JsonLinesSink}), which carries
 * every hashed field, so a line decodes back to the entry it was made from. Reading is bounded: a
 * line longer than {@link #MAX_LINE} bytes is a defect, not a reason to buffer without end.
 */
final class ChainLines {
  /** Far above any record: every field of an {@link AuditRecord} is clipped. */
  static final int MAX_LINE = 256 * 1024;

  private static final String DEFECT = "the stored row is not a valid record";

  private ChainLines() {}

  static byte[] header(String node, int format) {
    StringBuilder b = new StringBuilder(96).append("{\"ekmsAuditChain\":1,\"node\":");
    AuditChain.string(b, node);
    return b.append(",\"format\":").append(format).append("}\n").toString().getBytes(UTF8);
  }

  /** The format a header line declares for {@code node}; -1 when it is not such a header. */
  static int format(byte[] line, String node) {
    try {
      JsonNode h = Json.mapper().readTree(line);
      if (h.path("ekmsAuditChain").asInt() != 1 || !node.equals(h.path("node").asText())) {
        return -1;
      }
      int format = h.path("format").asInt();
      return format == 1 || format == 2 ? format : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /** The line of {@code entry}, newline included. */
  static byte[] encode(StringBuilder scratch, AuditEntry entry, String details) {
    scratch.setLength(0);
    JsonLinesSink.line(scratch, entry, details);
    return scratch.append('\n').toString().getBytes(UTF8);
  }

  /**
   * The record a line holds, as stored in chain {@code node}; {@code positionalSeq} is the seq a
   * line that cannot even say its own seq is reported at.
   */
  static AuditStore.StoredRow decode(byte[] line, String node, long positionalSeq) {
    JsonNode n;
    try {
      n = Json.mapper().readTree(line);
    } catch (IOException e) {
      return new AuditStore.StoredRow(positionalSeq, null, DEFECT);
    }
    JsonNode seqNode = n.path("seq");
    if (!seqNode.canConvertToLong() || !seqNode.isIntegralNumber()) {
      return new AuditStore.StoredRow(positionalSeq, null, DEFECT);
    }
    long seq = seqNode.asLong();
    try {
      if (!node.equals(n.path("node").asText(null))) {
        return new AuditStore.StoredRow(seq, null, "the record names another node");
      }
      AuditRecord r =
          new AuditRecord(
              Instant.parse(n.path("time").asText()),
              text(n, "requestId"),
              text(n, "caller"),
              text(n, "operation"),
              text(n, "vault"),
              text(n, "key"),
              text(n, "version"),
              text(n, "result"),
              details(n.path("details")));
      return new AuditStore.StoredRow(
          seq, new AuditEntry(node, seq, r, text(n, "prevHash"), text(n, "hash")), null);
    } catch (RuntimeException e) {
      return new AuditStore.StoredRow(seq, null, DEFECT);
    }
  }

  /**
   * Reads the next line into {@code buffer}; returns its length with the newline, 0 at the end of
   * the input or of complete lines (a last line without its newline is not read), or -1 - length
   * for a line longer than {@link #MAX_LINE} (skipped).
   */
  static int next(InputStream in, LineBuffer buffer) throws IOException {
    buffer.length = 0;
    int total = 0;
    int b;
    while ((b = in.read()) >= 0) {
      total++;
      if (b == '\n') {
        return buffer.length > MAX_LINE ? -1 - total : total;
      }
      buffer.add((byte) b);
    }
    return 0;
  }

  /** A reusable line buffer that stops growing at {@link #MAX_LINE}. */
  static final class LineBuffer {
    private byte[] bytes = new byte[1024];
    int length;

    void add(byte b) {
      if (length >= MAX_LINE) {
        length = MAX_LINE + 1;
        return;
      }
      if (length == bytes.length) {
        bytes = java.util.Arrays.copyOf(bytes, Math.min(MAX_LINE, bytes.length * 2));
      }
      bytes[length++] = b;
    }

    byte[] copy() {
      return java.util.Arrays.copyOf(bytes, Math.min(length, MAX_LINE));
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.textValue();
  }

  private static Map<String, String> details(JsonNode d) {
    if (!d.isObject()) {
      throw new IllegalArgumentException("details is not an object");
    }
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : d.properties()) {
      if (!e.getValue().isTextual()) {
        throw new IllegalArgumentException("a detail is not a string");
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;
}
