package io.ekms.core.http;

import java.util.Map;

/**
 * A route's answer: HTTP status, a body to send as JSON ({@code null}: no body, as for 204), and
 * extra headers (an etag, the next page).
 */
public record Reply(int status, Object body, Map<String, String> headers) {
  public Reply {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  public Reply(int status, Object body) {
    this(status, body, Map.of());
  }
}
