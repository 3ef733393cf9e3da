package io.ekms.core.http;

import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads request bodies with a hard bound, before any parsing happens, and within the listener's
 * read timeout ({@link ReadDeadline}).
 */
public final class Bodies {
  private Bodies() {}

  /**
   * Reads the whole body, refusing more than {@code maxBytes}.
   *
   * @throws BodyTooLargeException when the body is larger than allowed
   * @throws BodyTimedOutException when the client did not send it within the read timeout (its
   *     connection is closed: no answer reaches it)
   */
  public static byte[] read(ServerRequest request, int maxBytes) {
    if (!request.content().hasEntity()) {
      return new byte[0];
    }
    long declared = request.headers().contentLength().orElse(-1L);
    if (declared > maxBytes) {
      request.content().consume();
      throw new BodyTooLargeException(maxBytes);
    }
    return ReadDeadline.during(() -> readAtMost(request, maxBytes), BodyTimedOutException::new);
  }

  private static byte[] readAtMost(ServerRequest request, int maxBytes) {
    try (InputStream in = request.content().inputStream()) {
      byte[] body = in.readNBytes(maxBytes + 1);
      if (body.length > maxBytes) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
        throw new BodyTooLargeException(maxBytes);
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A body the route cannot use: too large, or not delivered in time. The message says which. */
  public abstract static sealed class UnusableBodyException extends RuntimeException
      permits BodyTooLargeException, BodyTimedOutException {
    UnusableBodyException(String message) {
      super(message, null, false, false);
    }
  }

  /** The body exceeded the bound for this route. */
  public static final class BodyTooLargeException extends UnusableBodyException {
    public BodyTooLargeException(int maxBytes) {
      super("The request body is larger than " + maxBytes + " bytes.");
    }
  }

  /** The client did not send the body within the listener's read timeout. */
  public static final class BodyTimedOutException extends UnusableBodyException {
    public BodyTimedOutException() {
      super("The request body did not arrive within the read timeout.");
    }
  }
}
