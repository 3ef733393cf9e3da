package io.ekms.core.http;

import io.helidon.webserver.http.ServerRequest;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The address a request came from, as the socket saw it: never a header such as {@code
 * X-Forwarded-For}, which any caller can write.
 */
public final class Peers {
  private Peers() {}

  /** The peer's IP address in text form, or {@code unknown}. */
  public static String address(ServerRequest request) {
    SocketAddress peer = request.remotePeer().address();
    if (peer instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return inet.getAddress().getHostAddress();
    }
    return "unknown";
  }
}
