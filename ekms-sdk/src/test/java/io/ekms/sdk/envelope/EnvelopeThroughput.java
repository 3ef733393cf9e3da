package io.ekms.sdk.envelope;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;

/**
 * Measures, on one thread: envelope encryption of a generated stream (memory to memory, best of
 * {@link #ROUNDS}) and a file round trip (encrypt to a temporary file, decrypt it, compare
 * SHA-256), and prints MB/s and the peak heap. The ratio to raw AES-256-GCM is {@code ekms
 * bench}'s, measured beside it in the same run. Run with a small heap to show memory does not grow
 * with the stream:
 *
 * <pre>
 * java -Xmx256m -cp ... io.ekms.sdk.envelope.EnvelopeThroughput [bytes, default 1 GiB] [frame size, default 256 KiB]
 * </pre>
 *
 * The data key comes from an in-memory KMS ({@link LocalDataKeys}): one KMS call per message is the
 * same with the real KMS and does not depend on the stream's length.
 */
public final class EnvelopeThroughput {
  static final int CHUNK = 1 << 20;

  /** Envelope encryption runs this many times and the best counts (the machine is shared). */
  static final int ROUNDS = 7;

  private EnvelopeThroughput() {}

  /** The figures of one run, in MB/s (10^6 bytes per second). */
  record Result(double envelopeMbps, double roundTripMbps, long peakHeapBytes) {}

  public static void main(String[] args) throws Exception {
    long bytes = args.length > 0 ? Long.parseLong(args[0]) : 1L << 30;
    int frame = args.length > 1 ? Integer.parseInt(args[1]) : Envelope.DEFAULT_FRAME_SIZE;
    Result warm = run(64L << 20, frame, Files.createTempDirectory("ekms-throughput-"));
    Result r = run(bytes, frame, Files.createTempDirectory("ekms-throughput-"));
    System.out.printf("peak heap, 64 MiB run  %8.1f MiB%n", warm.peakHeapBytes() / 1048576.0);
    System.out.printf(
        "bytes=%d frame=%d maxHeap=%dMiB%n"
            + "envelope encrypt       %8.1f MB/s%n"
            + "file round trip        %8.1f MB/s (encrypt + decrypt, SHA-256 checked)%n"
            + "peak heap used         %8.1f MiB%n",
        bytes,
        frame,
        Runtime.getRuntime().maxMemory() >> 20,
        r.envelopeMbps(),
        r.roundTripMbps(),
        r.peakHeapBytes() / 1048576.0);
  }

  static Result run(long bytes, int frameSize, Path dir) throws Exception {
    resetPeaks();
    Envelope envelope = new Envelope(LocalDataKeys.random(), frameSize, RandomSource.secure());
    double env = 0;
    for (int round = 0; round < ROUNDS; round++) {
      long start = System.nanoTime();
      envelope.encrypt(
          Messages.KEY,
          Map.of("run", "throughput"),
          new Pattern(bytes),
          OutputStream.nullOutputStream());
      env = Math.max(env, mbps(bytes, System.nanoTime() - start));
    }
    double trip = roundTrip(envelope, bytes, dir);
    return new Result(env, trip, peakHeap());
  }

  static double roundTrip(Envelope envelope, long bytes, Path dir) throws Exception {
    Path sealed = dir.resolve("sealed");
    MessageDigest expected = MessageDigest.getInstance("SHA-256");
    MessageDigest actual = MessageDigest.getInstance("SHA-256");
    long start = System.nanoTime();
    try (InputStream in = new java.security.DigestInputStream(new Pattern(bytes), expected);
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(sealed), 1 << 16)) {
      envelope.encrypt(Messages.KEY, Map.of(), in, out);
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(sealed), 1 << 16);
        OutputStream out =
            new java.security.DigestOutputStream(OutputStream.nullOutputStream(), actual)) {
      envelope.decrypt(in, out);
    } finally {
      Files.deleteIfExists(sealed);
      Files.deleteIfExists(dir);
    }
    long elapsed = System.nanoTime() - start;
    if (!MessageDigest.isEqual(expected.digest(), actual.digest())) {
      throw new IllegalStateException("the round trip changed the data");
    }
    return mbps(2 * bytes, elapsed);
  }

  static double mbps(long bytes, long nanos) {
    return bytes / 1e6 / (nanos / 1e9);
  }

  static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** {@code length} bytes of a repeating 1 MiB pattern, copied out without allocating. */
  static final class Pattern extends InputStream {
    private static final byte[] BLOCK = LocalPattern.block();
    private long left;
    private int offset;

    Pattern(long length) {
      this.left = length;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left == 0) {
        return -1;
      }
      int n = (int) Math.min(Math.min(len, left), BLOCK.length - offset);
      System.arraycopy(BLOCK, offset, b, off, n);
      offset = (offset + n) % BLOCK.length;
      left -= n;
      return n;
    }
  }

  private static final class LocalPattern {
    static byte[] block() {
      byte[] out = new byte[CHUNK];
      new java.util.Random(1).nextBytes(out);
      return out;
    }
  }
}
