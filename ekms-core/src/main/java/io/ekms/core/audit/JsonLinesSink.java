package io.ekms.core.audit;

import io.ekms.common.json.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * Appends stored entries to a file, one JSON object per line, for a SIEM to tail. The database is
 * the record of truth: a failing file is logged and retried with the next batch, never allowed to
 * fail an append. Used by the writer thread only.
 */
final class JsonLinesSink implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(JsonLinesSink.class.getName());

  private final Path file;
  private BufferedWriter out;
  private boolean failing;

  JsonLinesSink(Path file) {
    this.file = file;
  }

  void write(List<AuditEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    try {
      // One write per batch, so a failure is unlikely to leave half a line behind.
      StringBuilder lines = new StringBuilder(entries.size() * 256);
      for (AuditEntry e : entries) {
        lines.append(line(e)).append('\n');
      }
      if (out == null) {
        out =
            Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
      out.write(lines.toString());
      out.flush();
      failing = false;
    } catch (IOException | RuntimeException e) {
      if (!failing) {
        LOG.log(System.Logger.Level.WARNING, "cannot append to the audit JSON-lines file", e);
      }
      failing = true;
      close();
    }
  }

  /** The SIEM line: the record with an ISO-8601 time, plus its seq and chain hashes. */
  static String line(AuditEntry e) {
    AuditRecord r = e.record();
    return Json.writeString(
        new Line(
            e.seq(),
            r.time().toString(),
            r.requestId(),
            r.caller(),
            r.operation(),
            r.vault(),
            r.key(),
            r.version(),
            r.result(),
            r.details(),
            e.prevHash(),
            e.hash()));
  }

  @Override
  public void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "closing the audit JSON-lines file failed", e);
      }
      out = null;
    }
  }

  record Line(
      long seq,
      String time,
      String requestId,
      String caller,
      String operation,
      String vault,
      String key,
      String version,
      String result,
      Map<String, String> details,
      String prevHash,
      String hash) {}
}
