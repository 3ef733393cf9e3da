package io.ekms.bench;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link Operation} that may send the same HTTP request every time, so a load generator outside
 * the JVM can replay it ({@link WrkDriver}).
 */
interface Replayable extends Operation {
  /**
   * The request as sent now (for a signed one, with a signature valid for minutes yet); empty when
   * this operation sends a different request each time (a fresh signature per request) or cannot
   * describe it, so that only the in-JVM generator can drive it.
   */
  Optional<Wire> replay();

  /** Method, absolute URL, headers (without {@code Content-Length}) and body. */
  record Wire(String method, URI uri, Map<String, String> headers, byte[] body) {}
}
