package io.ekms.core.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The end of a chain file that batches are copied into: the file is grown ahead of the data by
 * {@link #GROW} bytes of written zeros, and that stretch is mapped, so a batch is a memory copy
 * into the operating system's page cache instead of a {@code write} call (the write, with the
 * file-time update that comes with it, was about half of the audit writer's fixed cost per batch).
 * What is copied is in the page cache at once, just as a written batch is: a killed process loses
 * nothing it acknowledged.
 *
 * <p>The zeros are written, not left as a hole, so a full disk fails the batch that grows the file
 * instead of faulting a later copy. A file that is not closed cleanly ends in zeros; {@link
 * #dataEnd} finds where its data stops. A file cut shorter under a running writer (by hand) faults
 * the next copy, which is reported as an {@link IOException}.
 */
final class AppendRegion implements AutoCloseable {
  /** How far ahead of the data the file is grown and mapped: 1 MiB, about 3,000 records. */
  static final long GROW = 1L << 20;

  private static final int PAGE = 4096;
  private static final int CHUNK = 64 * 1024;

  private final FileChannel file;
  private final ByteBuffer zeros = ByteBuffer.allocateDirect(CHUNK);
  private MappedByteBuffer map;
  private long start;
  private long end;

  AppendRegion(FileChannel file) {
    this.file = file;
  }

  /** Makes {@code [from, to)} of the file mapped and backed by written blocks. */
  void reserve(long from, long to) throws IOException {
    if (map != null && from >= start && to <= end) {
      return;
    }
    close();
    long newEnd = roundUp(Math.max(to, from + GROW));
    long length = file.size();
    if (length < newEnd) {
      writeZeros(length, newEnd);
    }
    map = file.map(FileChannel.MapMode.READ_WRITE, from, newEnd - from);
    start = from;
    end = newEnd;
  }

  /** Copies {@code bytes} to file offset {@code at}, inside what {@link #reserve} mapped. */
  void put(long at, byte[] bytes) throws IOException {
    try {
      map.put((int) (at - start), bytes);
    } catch (InternalError e) { // the mapped file was cut shorter under the writer
      close();
      throw new IOException("audit chain file changed under the writer", e);
    }
  }

  private void writeZeros(long from, long to) throws IOException {
    long at = from;
    while (at < to) {
      zeros.clear().limit((int) Math.min(CHUNK, to - at));
      at += file.write(zeros, at);
    }
  }

  private static long roundUp(long offset) {
    return (offset + PAGE - 1) / PAGE * PAGE;
  }

  /**
   * Where the data of {@code file} ends: after its last byte that is not zero, so the zeros a
   * writer grew the file by are left out while a zero inside the data is kept (and reported by
   * verification, as any damaged line is).
   */
  static long dataEnd(FileChannel file) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
    long to = file.size();
    while (to > 0) {
      long from = Math.max(0, to - CHUNK);
      chunk.clear().limit((int) (to - from));
      int n = 0;
      while (chunk.hasRemaining() && file.read(chunk, from + n) > 0) {
        n = chunk.position();
      }
      for (int i = n - 1; i >= 0; i--) {
        if (chunk.get(i) != 0) {
          return from + i + 1;
        }
      }
      to = from;
    }
    return 0;
  }

  /**
   * Lets go of the region (the JDK unmaps it once it is unreachable; nothing is copied into it
   * after this); the file keeps its length.
   */
  @Override
  public void close() {
    map = null;
  }
}
