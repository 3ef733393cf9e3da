package io.ekms.core.http;

import io.ekms.common.json.Json;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;
import java.util.Optional;

/**
 * One request as a route sees it: its request id, its path, query and headers, and its body, read
 * once and only when asked for, within the route's bound (and the listener's read timeout).
 */
public final class Request {
  private final ServerRequest raw;
  private final String requestId;
  private final int maxBody;
  private byte[] body;
  private String operation;

  Request(ServerRequest raw, String requestId, int maxBody, String operation) {
    this.raw = raw;
    this.requestId = requestId;
    this.maxBody = maxBody;
    this.operation = operation;
  }

  /** The operation's name in metrics, refusals and records: the route's, unless renamed. */
  public String operation() {
    return operation;
  }

  /**
   * Renames the operation, for an API whose one route serves several (XKS names it from the path
   * while it authenticates).
   */
  public void operation(String name) {
    operation = java.util.Objects.requireNonNull(name);
  }

  /** The {@code opc-request-id} bound to this exchange (the caller's when well formed). */
  public String requestId() {
    return requestId;
  }

  /**
   * The body, read on first use; at most the route's bound, else {@link
   * Bodies.BodyTooLargeException}.
   */
  public byte[] body() {
    if (body == null) {
      body = Bodies.read(raw, maxBody);
    }
    return body;
  }

  /** The body as JSON of {@code type}; bad JSON is a {@code JsonInputException}. */
  public <T> T json(Class<T> type) {
    return Json.read(body(), type);
  }

  /** A path parameter as sent (decoded), or null when the route has none. */
  public String path(String name) {
    return raw.path().pathParameters().first(name).orElse(null);
  }

  public Optional<String> query(String name) {
    return raw.query().first(name).asOptional();
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    return raw.headers().first(HeaderNames.create(name)).orElse(null);
  }

  /** Every value of a header, for signature checks. */
  public List<String> headers(String name) {
    return raw.headers().all(HeaderNames.create(name), List::of);
  }

  public String method() {
    return raw.prologue().method().text();
  }

  /** The raw path, as sent. */
  public String rawPath() {
    return raw.path().rawPath();
  }

  /** The raw path and query, as sent: what request signatures cover. */
  public String rawTarget() {
    String query = raw.query().rawValue();
    return raw.prologue().uriPath().rawPath() + (query.isEmpty() ? "" : "?" + query);
  }

  /** The address the request came from, as the socket saw it. */
  public String source() {
    return Peers.address(raw);
  }

  /** The web server's request, for what this class does not offer. */
  public ServerRequest raw() {
    return raw;
  }
}
