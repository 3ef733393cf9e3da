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
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Measures, in one run and on one thread: raw AES-256-GCM (1 MiB {@code doFinal} calls in memory),
 * envelope encryption of a stream of the same length (memory to memory), and a file round trip
 * (encrypt to a temporary file, decrypt it, compare SHA-256). Raw and envelope alternate {@link
 * #ROUNDS} times and the best of each is kept. Prints MB/s, the envelope/raw ratio and the peak
 * heap. Run with a small heap to show memory does not grow with the stream:
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

  /**
   * Raw and envelope alternate this many times; the best of each counts (the machine is shared).
   */
  static final int ROUNDS = 7;

  private EnvelopeThroughput() {}

  /** The figures of one run, in MB/s (10^6 bytes per second). */
  record Result(double rawMbps, double envelopeMbps, double roundTripMbps, long peakHeapBytes) {
    double ratio() {
      return envelopeMbps / rawMbps;
    }
  }

  public static void main(String[] args) throws Exception {
    long bytes = args.length > 0 ? Long.parseLong(args[0]) : 1L << 30;
    int frame = args.length > 1 ? Integer.parseInt(args[1]) : Envelope.DEFAULT_FRAME_SIZE;
    Result warm = run(64L << 20, frame, Files.createTempDirectory("ekms-throughput-"));
    Result r = run(bytes, frame, Files.createTempDirectory("ekms-throughput-"));
    System.out.printf("peak heap, 64 MiB run  %8.1f MiB%n", warm.peakHeapBytes() / 1048576.0);
    System.out.printf(
        "bytes=%d frame=%d maxHeap=%dMiB%nraw AES-256-GCM        %8.1f MB/s%n"
            + "envelope encrypt       %8.1f MB/s%nratio envelope/raw     %8.3f%n"
            + "file round trip        %8.1f MB/s (encrypt + decrypt, SHA-256 checked)%n"
            + "peak heap used         %8.1f MiB%n",
        bytes,
        frame,
        Runtime.getRuntime().maxMemory() >> 20,
        r.rawMbps(),
        r.envelopeMbps(),
        r.ratio(),
        r.roundTripMbps(),
        r.peakHeapBytes() / 1048576.0);
  }

  static Result run(long bytes, int frameSize, Path dir) throws Exception {
    resetPeaks();
    Envelope envelope = new Envelope(LocalDataKeys.random(), frameSize, RandomSource.secure());
    double raw = 0;
    double env = 0;
    for (int round = 0; round < ROUNDS; round++) {
      raw = Math.max(raw, raw(bytes));
      long start = System.nanoTime();
      envelope.encrypt(
          Messages.KEY,
          Map.of("run", "throughput"),
          new Pattern(bytes),
          OutputStream.nullOutputStream());
      env = Math.max(env, mbps(bytes, System.nanoTime() - start));
    }
    double trip = roundTrip(envelope, bytes, dir);
    return new Result(raw, env, trip, peakHeap());
  }

  static double raw(long bytes) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    SecretKeySpec key = new SecretKeySpec(new byte[32], "AES");
    byte[] in = new byte[CHUNK];
    Arrays.fill(in, (byte) 0x5a);
    byte[] out = new byte[CHUNK + 16];
    byte[] iv = new byte[12];
    long start = System.nanoTime();
    for (long done = 0, i = 0; done < bytes; done += CHUNK, i++) {
      iv[11] = (byte) i;
      iv[10] = (byte) (i >>> 8);
      iv[9] = (byte) (i >>> 16);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      cipher.doFinal(in, 0, (int) Math.min(CHUNK, bytes - done), out, 0);
    }
    return mbps(bytes, System.nanoTime() - start);
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
