package io.ekms.kms.ekmclient;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One request the KMS sends to an EKM or an identity server: method, absolute {@code https} URL,
 * headers in order, and a body (null for none). The body may carry plaintext and a header may carry
 * a credential, so {@link #toString()} names neither; the caller that made the body wipes it.
 */
final class Outbound {
  private final String method;
  private final URI url;
  private final List<String> headers; // name, value, name, value...
  private final byte[] body;

  private Outbound(String method, URI url, List<String> headers, byte[] body) {
    this.method = method;
    this.url = url;
    this.headers = List.copyOf(headers);
    this.body = body;
  }

  static Builder to(URI url) {
    return new Builder(url);
  }

  String method() {
    return method;
  }

  URI url() {
    return url;
  }

  /** Each header as name then value, in the order given. */
  List<String> headers() {
    return headers;
  }

  /** The body, or null when the request has none. */
  byte[] body() {
    return body;
  }

  @Override
  public String toString() {
    return method + " " + url + (body == null ? "" : " (" + body.length + " bytes)");
  }

  /** Collects one request's parts. */
  static final class Builder {
    private final URI url;
    private final List<String> headers = new ArrayList<>(10);

    private Builder(URI url) {
      this.url = Objects.requireNonNull(url, "url");
    }

    Builder header(String name, String value) {
      headers.add(name);
      headers.add(value);
      return this;
    }

    Outbound get() {
      return new Outbound("GET", url, headers, null);
    }

    /** {@code method} with {@code body} (null: none); the request owns the array from here. */
    Outbound method(String method, byte[] body) {
      return new Outbound(method, url, headers, body);
    }
  }
}
