package io.ekms.core.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Appends stored entries to a file, one JSON object per line, for a SIEM to tail. The store is the
 * record of truth: a failing file is logged and retried with the next write, never allowed to fail
 * an append. Lines are gathered and written at most every {@link #FLUSH_NANOS} (or at 64 KiB, when
 * the writer goes idle, and on close), one {@code write} each time: per batch, this copy cost as
 * much CPU as the chain itself. A killed process can leave the copy up to that long behind its
 * chain. Used by the writer thread only.
 */
final class JsonLinesSink implements AutoCloseable {
  static final long FLUSH_NANOS = 20_000_000L;
  private static final int FLUSH_BYTES = 64 * 1024;

  /** What a failing file may hold back for a retry before the copy drops it (the store has it). */
  private static final int MAX_HELD = 4 * 1024 * 1024;

  private static final System.Logger LOG = System.getLogger(JsonLinesSink.class.getName());

  private final Path file;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream(FLUSH_BYTES * 2);
  private FileChannel out;
  private boolean failing;
  private long flushedAt = System.nanoTime();

  JsonLinesSink(Path file) {
    this.file = file;
  }

  /** Gathers the lines of {@code entries}; writes what is gathered when it is due. */
  void write(List<AuditChain.Linked> entries, long nowNanos) {
    for (AuditChain.Linked l : entries) {
      pending.writeBytes(l.line());
    }
    if (pending.size() >= FLUSH_BYTES || nowNanos - flushedAt >= FLUSH_NANOS) {
      flush(nowNanos);
    }
  }

  /** True while lines wait to be written. */
  boolean pending() {
    return pending.size() > 0;
  }

  /** Writes what is gathered, with one write. */
  void flush(long nowNanos) {
    flushedAt = nowNanos;
    if (pending.size() == 0) {
      return;
    }
    try {
      if (out == null) {
        out =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
      }
      ByteBuffer lines = ByteBuffer.wrap(pending.toByteArray());
      while (lines.hasRemaining()) {
        out.write(lines);
      }
      pending.reset();
      failing = false;
    } catch (IOException | RuntimeException e) {
      if (!failing) {
        LOG.log(System.Logger.Level.WARNING, "cannot append to the audit JSON-lines file", e);
      }
      failing = true;
      closeChannel();
      if (pending.size() > MAX_HELD) {
        LOG.log(
            System.Logger.Level.WARNING,
            "audit JSON-lines file still failing: {0} bytes of lines dropped from the copy",
            pending.size());
        pending.reset();
      }
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
    b.append(",\"time\":\"");
    IsoTime.append(b, r.time());
    b.append('"');
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

  /** Writes what is gathered and closes the file. */
  @Override
  public void close() {
    flush(System.nanoTime());
    closeChannel();
  }

  private void closeChannel() {
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
