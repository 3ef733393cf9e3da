package io.ekms.core.http;

import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads request bodies with a hard bound, before any parsing happens. */
public final class Bodies {
  private Bodies() {}

  /**
   * Reads the whole body, refusing more than {@code maxBytes}.
   *
   * @throws BodyTooLargeException when the body is larger than allowed
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

  /** The body exceeded the bound for this route. */
  public static final class BodyTooLargeException extends RuntimeException {
    public BodyTooLargeException(int maxBytes) {
      super("The request body is larger than " + maxBytes + " bytes.", null, false, false);
    }
  }
}
