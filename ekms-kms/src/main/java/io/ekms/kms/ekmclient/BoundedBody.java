package io.ekms.kms.ekmclient;

import io.ekms.common.secret.Wipe;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a response body into one array the caller owns, refusing more than a bound before
 * allocating for it (a hostile peer cannot make the KMS buffer an endless answer); how long it may
 * take is {@link AnswerDeadlines}' concern. Arrays left behind when the buffer grows, or when the
 * body is refused, are wiped: answers carry plaintext.
 */
final class BoundedBody {
  private static final int INITIAL = 4096;
  private static final int CHUNK = 8192;

  private BoundedBody() {}

  /**
   * The whole body of {@code in}, at most {@code max} bytes; {@code declaredLength} (negative when
   * unknown) only sizes the first buffer.
   */
  static byte[] read(InputStream in, long declaredLength, int max) throws IOException {
    byte[] buffer = new byte[(int) Math.min(declaredLength < 0 ? INITIAL : declaredLength, max)];
    int size = 0;
    try {
      while (true) {
        if (size == buffer.length) {
          if (size == max) {
            if (in.read() < 0) {
              return buffer;
            }
            throw new TooLargeException(max);
          }
          buffer = grow(buffer, max);
        }
        int n = in.read(buffer, size, Math.min(CHUNK, buffer.length - size));
        if (n < 0) {
          break;
        }
        size += n;
      }
    } catch (IOException | RuntimeException e) {
      Wipe.bytes(buffer);
      throw e;
    }
    if (size == buffer.length) {
      return buffer;
    }
    byte[] body = Arrays.copyOf(buffer, size);
    Wipe.bytes(buffer);
    return body;
  }

  private static byte[] grow(byte[] buffer, int max) {
    int grown = (int) Math.min(max, Math.max(INITIAL, 2L * buffer.length));
    byte[] bigger = Arrays.copyOf(buffer, grown);
    Wipe.bytes(buffer);
    return bigger;
  }

  /** The peer sent a larger body than the bound. */
  static final class TooLargeException extends IOException {
    TooLargeException(int max) {
      super("the answer is larger than " + max + " bytes");
    }
  }
}
