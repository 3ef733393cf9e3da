package io.ekms.core.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Appends stored entries to a file, one JSON object per line, for a SIEM to tail. The database is
 * the record of truth: a failing file is logged and retried with the next batch, never allowed to
 * fail an append. Used by the writer thread only.
 */
final class JsonLinesSink implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(JsonLinesSink.class.getName());

  private final Path file;
  private FileChannel out;
  private boolean failing;

  JsonLinesSink(Path file) {
    this.file = file;
  }

  void write(List<AuditChain.Linked> entries) {
    if (entries.isEmpty()) {
      return;
    }
    try {
      // One write per batch, so a failure is unlikely to leave half a line behind.
      int total = 0;
      for (AuditChain.Linked l : entries) {
        total += l.line().length;
      }
      ByteBuffer lines = ByteBuffer.allocate(total);
      for (AuditChain.Linked l : entries) {
        lines.put(l.line());
      }
      lines.flip();
      if (out == null) {
        out =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
      }
      while (lines.hasRemaining()) {
        out.write(lines);
      }
      failing = false;
    } catch (IOException | RuntimeException e) {
      if (!failing) {
        LOG.log(System.Logger.Level.WARNING, "cannot append to the audit JSON-lines file", e);
      }
      failing = true;
      close();
    }
  }

  /**
   * The SIEM line: the record with an ISO-8601 time, plus its node, seq and chain hashes. Written
   * with the chain's own string encoding (valid JSON) and the details JSON already made for the
   * hash, so a record is encoded once per batch, not again through a JSON library.
   */
  static String line(AuditEntry e) {
    StringBuilder b = new StringBuilder(384);
    line(b, e, AuditChain.details(e.record().details()));
    return b.toString();
  }

  static void line(StringBuilder b, AuditEntry e, String details) {
    AuditRecord r = e.record();
    b.append("{\"node\":");
    AuditChain.string(b, e.node());
    b.append(",\"seq\":").append(e.seq());
    b.append(",\"time\":\"").append(r.time()).append('"');
    b.append(",\"requestId\":");
    AuditChain.string(b, r.requestId());
    b.append(",\"caller\":");
    AuditChain.string(b, r.caller());
    b.append(",\"operation\":");
    AuditChain.string(b, r.operation());
    b.append(",\"vault\":");
    AuditChain.string(b, r.vault());
    b.append(",\"key\":");
    AuditChain.string(b, r.key());
    b.append(",\"version\":");
    AuditChain.string(b, r.version());
    b.append(",\"result\":");
    AuditChain.string(b, r.result());
    b.append(",\"details\":").append(details);
    b.append(",\"prevHash\":\"").append(e.prevHash());
    b.append("\",\"hash\":\"").append(e.hash()).append("\"}");
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
}
