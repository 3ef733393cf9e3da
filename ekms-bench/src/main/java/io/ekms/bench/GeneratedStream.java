package io.ekms.bench;

import java.io.InputStream;
import java.util.Arrays;

/** {@code length} bytes of a fixed pattern, generated as read: nothing is stored on disk. */
final class GeneratedStream extends InputStream {
  private static final byte[] BLOCK = block();
  private long left;

  GeneratedStream(long length) {
    this.left = length;
  }

  private static byte[] block() {
    byte[] b = new byte[1 << 16];
    Arrays.fill(b, (byte) 0x5a);
    return b;
  }

  @Override
  public int read() {
    if (left == 0) {
      return -1;
    }
    left--;
    return 0x5a;
  }

  @Override
  public int read(byte[] into, int offset, int length) {
    if (left == 0) {
      return -1;
    }
    int n = (int) Math.min(Math.min(length, left), BLOCK.length);
    System.arraycopy(BLOCK, 0, into, offset, n);
    left -= n;
    return n;
  }
}
