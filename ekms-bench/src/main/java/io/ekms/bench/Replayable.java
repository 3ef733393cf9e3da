package io.ekms.bench;

import java.net.URI;
import java.util.Map;

/**
 * An {@link Operation} that sends the same HTTP request every time, so a load generator outside the
 * JVM can replay it ({@link WrkDriver}).
 */
interface Replayable extends Operation {
  /** The request as sent now: for a signed one, with a signature valid for minutes yet. */
  Wire wire();

  /** Method, absolute URL, headers (without {@code Content-Length}) and body. */
  record Wire(String method, URI uri, Map<String, String> headers, byte[] body) {}
}
