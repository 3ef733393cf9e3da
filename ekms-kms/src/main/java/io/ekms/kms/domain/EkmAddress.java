package io.ekms.kms.domain;

import java.util.Locale;
import java.util.Objects;

/**
 * One address of an EKM node, {@code host:port}: the host as given (an IP literal or a DNS name,
 * IPv6 without brackets) and a port from 1 to 65535. Its text form brackets an IPv6 host, as URLs
 * do: {@code 10.0.0.5:443}, {@code ekm-2.example.com:8443}, {@code [fd00::5]:443}.
 */
public record EkmAddress(String host, int port) {
  public EkmAddress {
    Objects.requireNonNull(host);
    if (host.isEmpty() || host.startsWith("[")) {
      throw new IllegalArgumentException("host must be given without brackets");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1 to 65535");
    }
  }

  /**
   * Reads {@code host:port}, {@code [ipv6]:port}, or a host alone (port {@code defaultPort}). An
   * IPv6 host must be in brackets, since its colons would otherwise be read as the port's.
   *
   * @throws IllegalArgumentException when {@code text} is not of that form
   */
  public static EkmAddress parse(String text, int defaultPort) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("an address must not be empty");
    }
    String host;
    String port;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0 || (close + 1 < text.length() && text.charAt(close + 1) != ':')) {
        throw new IllegalArgumentException("an IPv6 address must be written [address]:port");
      }
      host = text.substring(1, close);
      port = close + 1 < text.length() ? text.substring(close + 2) : null;
    } else {
      int colon = text.indexOf(':');
      if (colon >= 0 && colon != text.lastIndexOf(':')) {
        throw new IllegalArgumentException("an IPv6 address must be written [address]:port");
      }
      host = colon < 0 ? text : text.substring(0, colon);
      port = colon < 0 ? null : text.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("an address must name a host");
    }
    return new EkmAddress(host, port == null ? defaultPort : port(port));
  }

  private static int port(String text) {
    if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("the port must be a number from 1 to 65535");
    }
    return Integer.parseInt(text);
  }

  /** Whether both name the same host (case aside) and port. */
  public boolean sameAs(String otherHost, int otherPort) {
    String bare =
        otherHost.startsWith("[") && otherHost.endsWith("]")
            ? otherHost.substring(1, otherHost.length() - 1)
            : otherHost;
    return port == otherPort && host.toLowerCase(Locale.ROOT).equals(bare.toLowerCase(Locale.ROOT));
  }

  /** {@code host:port}, with an IPv6 host in brackets. */
  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
