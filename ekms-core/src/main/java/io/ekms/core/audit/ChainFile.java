package io.ekms.core.audit;

import io.ekms.common.config.Misconfiguration;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.function.LongSupplier;

/**
 * One node's chain as an append-only file of {@link ChainLines}: a header, then one line per
 * record. The writer holds an exclusive lock on the file for its life, copies each batch into the
 * mapped end of the file ({@link AppendRegion}: in the operating system's page cache before the
 * appenders are answered, so a killed process loses nothing it acknowledged; a power loss can lose
 * what the kernel had not yet flushed, see docs/audit.md) and keeps a sparse index of line offsets,
 * checked on use, so reads seek instead of scanning from the start. Readers stop where the data
 * ends, before the zeros the writer grew the file by; a clean close cuts those off. A last line
 * without its newline (a copy cut short) is cut off when the writer opens the file or recovers from
 * a failed batch: it was never acknowledged.
 */
final class ChainFile implements AutoCloseable {
  static final String SUFFIX = ".chain";
  private static final int INDEX_EVERY = 256;

  /**
   * How often a batch checks that the file is still in place: at most every 5 ms (a {@code stat}
   * per batch was a quarter of the writer's fixed cost per batch), and always on recovery.
   */
  static final long IN_PLACE_CHECK_NANOS = 5_000_000L;

  private final Path path;
  private final String node;
  private final int format;
  private final long firstLine;
  private final ChainIndex index = new ChainIndex(INDEX_EVERY);
  private FileChannel out;
  private AppendRegion region;
  private FileLock lock;
  private volatile long size;
  private Object fileKey;
  private LongSupplier ticker = System::nanoTime;
  private long checkedAt;
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
    return openForAppend(dir, node, System::nanoTime);
  }

  /** {@link #openForAppend(Path, String)} with the ticker that spaces the in-place checks. */
  static ChainFile openForAppend(Path dir, String node, LongSupplier ticker) throws IOException {
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
    if (file.fileKey == null) {
      file.close();
      throw new IOException("audit chain file " + path + " was removed while it was opened");
    }
    file.ticker = ticker;
    file.region = new AppendRegion(file.out);
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
    requireInPlace(ticker.getAsLong());
    if (region != null) {
      region.close();
    }
    index.clear();
    long offset = firstLine;
    long end = firstLine;
    AuditChain.Tail last = AuditChain.Tail.EMPTY;
    try (InputStream in = stream(firstLine, scanDataEnd())) {
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

  /** Copies {@code linked} (which continue the tail) after the data, and moves the tail. */
  void append(List<AuditChain.Linked> linked) throws IOException {
    if (linked.isEmpty()) {
      return;
    }
    long now = ticker.getAsLong();
    if (now - checkedAt >= IN_PLACE_CHECK_NANOS) {
      requireInPlace(now);
    }
    long offset = size;
    for (AuditChain.Linked l : linked) {
      byte[] line = l.line();
      region.reserve(offset, offset + line.length);
      region.put(offset, line);
      index.offer(l.entry().seq(), offset);
      offset += line.length;
    }
    size = offset;
    tail = AuditChain.Tail.of(linked.get(linked.size() - 1).entry());
  }

  /**
   * Fails unless the chain's path still names the file this writer holds: a chain file moved or
   * removed under a running server would otherwise take acknowledged records with it into a file
   * nobody reads. Appends check at most every {@link #IN_PLACE_CHECK_NANOS}, so the batches of
   * those last milliseconds go with the file, as every earlier record already did.
   */
  private void requireInPlace(long now) throws IOException {
    if (out != null && !fileKey.equals(currentKey())) {
      throw new IOException("audit chain file " + path + " was moved, removed or replaced");
    }
    checkedAt = now;
  }

  /** The key of the file the path names now; null when it names none. */
  private Object currentKey() throws IOException {
    try {
      Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
      return key != null ? key : path; // no file keys on this file system: the path must exist
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    }
  }

  /** Where the data ends: after what this writer appended, or for a reader before the zeros. */
  private long dataEnd() throws IOException {
    return out != null ? size : scanDataEnd();
  }

  private long scanDataEnd() throws IOException {
    try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
      return AppendRegion.dataEnd(in);
    }
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
    long end = dataEnd();
    List<AuditStore.StoredRow> rows = read(start, end, afterSeq, limit, requestId);
    if (rows == null) { // the index no longer matches the file: it was changed under us
      rows = read(new long[] {1, firstLine}, end, afterSeq, limit, requestId);
    }
    return rows;
  }

  private List<AuditStore.StoredRow> read(
      long[] start, long end, long afterSeq, int limit, String requestId) throws IOException {
    List<AuditStore.StoredRow> rows = new ArrayList<>();
    long positional = start[0] - 1;
    boolean first = true;
    try (InputStream in = stream(start[1], end)) {
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

  /** The bytes from {@code offset} up to {@code end}. */
  private InputStream stream(long offset, long end) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    channel.position(offset);
    InputStream all = Channels.newInputStream(channel);
    return new BufferedInputStream(new BoundedInputStream(all, end - offset), 64 * 1024);
  }

  /** Unmaps the end of the file and cuts the zeros after the data off; releases the file. */
  @Override
  public void close() {
    try {
      if (region != null) {
        region.close();
        out.truncate(size);
      }
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
