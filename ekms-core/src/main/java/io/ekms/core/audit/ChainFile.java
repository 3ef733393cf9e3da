package io.ekms.core.audit;

import io.ekms.common.config.Misconfiguration;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * One node's chain as an append-only file of {@link ChainLines}: a header, then one line per
 * record. The writer holds an exclusive lock on the file for its life, writes each batch with one
 * {@code write} (in the operating system's page cache before the appenders are answered, so a
 * killed process loses nothing it acknowledged; a power loss can lose what the kernel had not yet
 * flushed, see docs/audit.md) and keeps a sparse index of line offsets, checked on use, so reads
 * seek instead of scanning from the start. A last line without its newline (a write cut short) is
 * cut off when the writer opens the file or recovers from a failed batch: it was never
 * acknowledged.
 */
final class ChainFile implements AutoCloseable {
  static final String SUFFIX = ".chain";
  private static final int INDEX_EVERY = 256;

  private final Path path;
  private final String node;
  private final int format;
  private final long firstLine;
  private final ChainIndex index = new ChainIndex(INDEX_EVERY);
  private ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
  private FileChannel out;
  private FileLock lock;
  private long size;
  private Object fileKey;
  private volatile AuditChain.Tail tail = AuditChain.Tail.EMPTY;

  private ChainFile(Path path, String node, int format, long firstLine) {
    this.path = path;
    this.node = node;
    this.format = format;
    this.firstLine = firstLine;
  }

  static Path pathOf(Path dir, String node) {
    return dir.resolve(node + SUFFIX);
  }

  /**
   * Opens {@code node}'s chain for appending, creating it (format 2) when missing, and finds its
   * tail.
   *
   * @throws Misconfiguration another process holds the file
   * @throws IOException the file cannot be read, or its header is not this node's
   */
  static ChainFile openForAppend(Path dir, String node) throws IOException {
    Path path = pathOf(dir, node);
    if (!Files.exists(path)) {
      Path tmp = dir.resolve(node + SUFFIX + ".new");
      Files.write(tmp, ChainLines.header(node, 2));
      Files.move(tmp, path, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    ChainFile file = reader(path, node);
    file.out = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      file.lock = file.out.tryLock();
    } catch (OverlappingFileLockException e) {
      file.lock = null;
    }
    if (file.lock == null) {
      file.out.close();
      throw new Misconfiguration(
          "audit chain file of node " + node + " is held by another process");
    }
    file.fileKey = file.currentKey();
    file.recover();
    return file;
  }

  /** Opens a chain file to read. */
  static ChainFile reader(Path path, String node) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
      ChainLines.LineBuffer line = new ChainLines.LineBuffer();
      int n = ChainLines.next(in, line);
      int format = n > 0 ? ChainLines.format(line.copy(), node) : -1;
      if (format < 0) {
        throw new IOException("not an audit chain file of node " + node + ": " + path);
      }
      return new ChainFile(path, node, format, n);
    }
  }

  int format() {
    return format;
  }

  AuditChain.Tail tail() {
    return tail;
  }

  /**
   * Scans the file from the start: rebuilds the index, finds the last complete record and cuts off
   * anything after it (a batch whose write failed halfway). Returns the tail.
   */
  AuditChain.Tail recover() throws IOException {
    requireInPlace();
    index.clear();
    long offset = firstLine;
    long end = firstLine;
    AuditChain.Tail last = AuditChain.Tail.EMPTY;
    try (InputStream in = stream(firstLine)) {
      ChainLines.LineBuffer line = new ChainLines.LineBuffer();
      int n;
      while ((n = ChainLines.next(in, line)) != 0) {
        int length = Math.abs(n + (n < 0 ? 1 : 0));
        AuditStore.StoredRow row = ChainLines.decode(line.copy(), node, last.seq() + 1);
        if (row.entry() != null) {
          index.offer(row.seq(), offset);
          last = AuditChain.Tail.of(row.entry());
        } else { // verification reports the line; the chain goes on after its seq
          last = new AuditChain.Tail(row.seq(), last.hash());
        }
        offset += length;
        end = offset;
      }
    }
    if (out != null) {
      out.truncate(end);
      size = end;
    }
    tail = last;
    return last;
  }

  /** Writes {@code linked} (which continue the tail) with one write, and moves the tail. */
  void append(List<AuditChain.Linked> linked) throws IOException {
    if (linked.isEmpty()) {
      return;
    }
    requireInPlace();
    ByteBuffer buffer = this.buffer;
    buffer.clear();
    long offset = size;
    for (AuditChain.Linked l : linked) {
      byte[] line = l.line();
      if (buffer.remaining() < line.length) {
        buffer = grow(buffer, line.length);
      }
      index.offer(l.entry().seq(), offset);
      buffer.put(line);
      offset += line.length;
    }
    buffer.flip();
    long at = size;
    while (buffer.hasRemaining()) {
      at += out.write(buffer, at);
    }
    size = at;
    tail = AuditChain.Tail.of(linked.get(linked.size() - 1).entry());
  }

  /**
   * Fails unless the chain's path still names the file this writer holds: a chain file moved or
   * removed under a running server would otherwise take acknowledged records with it into a file
   * nobody reads (one {@code stat} per batch).
   */
  private void requireInPlace() throws IOException {
    if (out != null && !fileKey.equals(currentKey())) {
      throw new IOException("audit chain file " + path + " was replaced");
    }
  }

  private Object currentKey() throws IOException {
    Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    return key != null ? key : path; // no file keys on this file system: the path must exist
  }

  /** A direct buffer with room for {@code more} bytes after what {@code full} holds. */
  private ByteBuffer grow(ByteBuffer full, int more) {
    int capacity = Math.max(full.capacity() * 2, full.position() + more);
    ByteBuffer bigger = ByteBuffer.allocateDirect(capacity);
    full.flip();
    bigger.put(full);
    this.buffer = bigger;
    return bigger;
  }

  /**
   * Up to {@code limit} records after {@code afterSeq}, only those of {@code requestId} when not
   * null; complete lines only, so a batch being written is seen whole or in part, never torn.
   */
  List<AuditStore.StoredRow> page(long afterSeq, int limit, String requestId) throws IOException {
    long[] start = index.floor(afterSeq + 1);
    if (start[1] < 0) {
      start = new long[] {1, firstLine};
    }
    List<AuditStore.StoredRow> rows = read(start, afterSeq, limit, requestId);
    if (rows == null) { // the index no longer matches the file: it was changed under us
      rows = read(new long[] {1, firstLine}, afterSeq, limit, requestId);
    }
    return rows;
  }

  private List<AuditStore.StoredRow> read(long[] start, long afterSeq, int limit, String requestId)
      throws IOException {
    List<AuditStore.StoredRow> rows = new ArrayList<>();
    long positional = start[0] - 1;
    boolean first = true;
    try (InputStream in = stream(start[1])) {
      ChainLines.LineBuffer line = new ChainLines.LineBuffer();
      int n;
      while (rows.size() < limit && (n = ChainLines.next(in, line)) != 0) {
        positional++;
        AuditStore.StoredRow row =
            n < 0
                ? new AuditStore.StoredRow(positional, null, "the stored row is not a valid record")
                : ChainLines.decode(line.copy(), node, positional);
        if (first && start[1] != firstLine && (row.entry() == null || row.seq() != start[0])) {
          return null;
        }
        first = false;
        positional = row.seq();
        if (row.seq() > afterSeq
            && (requestId == null
                || row.entry() == null
                || requestId.equals(row.entry().record().requestId()))) {
          rows.add(row);
        }
      }
    }
    return rows;
  }

  private InputStream stream(long offset) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    channel.position(offset);
    return new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024);
  }

  @Override
  public void close() {
    try {
      if (lock != null) {
        lock.release();
      }
      if (out != null) {
        out.close();
      }
    } catch (IOException e) {
      System.getLogger(ChainFile.class.getName())
          .log(System.Logger.Level.DEBUG, "closing audit chain file failed", e);
    }
  }
}
