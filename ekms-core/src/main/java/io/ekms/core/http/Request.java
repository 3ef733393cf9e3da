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
  private final Replayed replayed;
  private byte[] body;
  private String operation;
  private Object principal;

  Request(ServerRequest raw, String requestId, int maxBody, String operation) {
    this.raw = raw;
    this.requestId = requestId;
    this.maxBody = maxBody;
    this.operation = operation;
    this.replayed = null;
  }

  private Request(Replayed replayed, String requestId, String operation, Object principal) {
    this.raw = null;
    this.requestId = requestId;
    this.maxBody = replayed.body().length;
    this.operation = operation;
    this.replayed = replayed;
    this.body = replayed.body();
    this.principal = principal;
  }

  /**
   * What is kept of a request to run it later, when approved: its method, path and query parameters
   * and body. Headers are not kept; the caller is the {@code principal} that made it.
   */
  public record Replayed(
      String method,
      java.util.Map<String, String> pathParameters,
      java.util.Map<String, String> query,
      byte[] body) {
    public Replayed {
      pathParameters = java.util.Map.copyOf(pathParameters);
      query = java.util.Map.copyOf(query);
    }

    @Override
    public String toString() {
      return "Replayed[" + method + " " + pathParameters + "]";
    }
  }

  /** A request made again from what was kept of it, on behalf of {@code principal}. */
  public static Request replay(
      Replayed kept, String requestId, String operation, Object principal) {
    return new Request(kept, requestId, operation, java.util.Objects.requireNonNull(principal));
  }

  /** True for a request made again from what was kept ({@link #replay}). */
  public boolean isReplay() {
    return replayed != null;
  }

  /** What to keep of this request to replay it (reads the body). */
  public Replayed keep() {
    java.util.Map<String, String> params = new java.util.TreeMap<>();
    if (replayed != null) {
      return replayed;
    }
    var path = raw.path().pathParameters();
    path.names().forEach(n -> params.put(n, path.first(n).orElse("")));
    java.util.Map<String, String> query = new java.util.TreeMap<>();
    raw.query().names().forEach(n -> query.put(n, raw.query().first(n).orElse("")));
    return new Replayed(method(), params, query, body());
  }

  /** Who the authenticator established, when it records it (an administrator); else null. */
  public Object principal() {
    return principal;
  }

  public void principal(Object who) {
    principal = who;
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
    if (replayed != null) {
      return replayed.pathParameters().get(name);
    }
    return raw.path().pathParameters().first(name).orElse(null);
  }

  public Optional<String> query(String name) {
    if (replayed != null) {
      return Optional.ofNullable(replayed.query().get(name));
    }
    return raw.query().first(name).asOptional();
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    if (replayed != null) {
      return null;
    }
    return raw.headers().first(HeaderNames.create(name)).orElse(null);
  }

  /** Every value of a header, for signature checks. */
  public List<String> headers(String name) {
    if (replayed != null) {
      return List.of();
    }
    return raw.headers().all(HeaderNames.create(name), List::of);
  }

  public String method() {
    if (replayed != null) {
      return replayed.method();
    }
    return raw.prologue().method().text();
  }

  /** The raw path, as sent. */
  public String rawPath() {
    if (replayed != null) {
      return "";
    }
    return raw.path().rawPath();
  }

  /** The raw path and query, as sent: what request signatures cover. */
  public String rawTarget() {
    if (replayed != null) {
      return "";
    }
    String query = raw.query().rawValue();
    return raw.prologue().uriPath().rawPath() + (query.isEmpty() ? "" : "?" + query);
  }

  /** The address the request came from, as the socket saw it. */
  public String source() {
    if (replayed != null) {
      return "replay";
    }
    return Peers.address(raw);
  }

  /** The web server's request, for what this class does not offer. */
  public ServerRequest raw() {
    return raw;
  }
}
