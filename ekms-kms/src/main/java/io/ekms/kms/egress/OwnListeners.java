package io.ekms.kms.egress;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The KMS's own sockets (API and admin listeners, and the public URL's host and port), which it
 * never connects to on a caller's behalf. Set once the listeners are bound; a listener on a
 * wildcard address counts for every address of this machine's interfaces as they were at that
 * moment.
 */
public final class OwnListeners {
  /** A listener: one address, or every local address when {@code address} is null. */
  private record Bound(InetAddress address, int port) {}

  private record State(
      List<Bound> bound, Set<InetAddress> local, String publicHost, int publicPort) {}

  private volatile State state = new State(List.of(), Set.of(), null, -1);

  /**
   * Records the listeners: {@code host} and port of each ({@code port} 0 is skipped: not bound
   * yet), and the public URL clients use (may be null).
   */
  public void bind(String apiHost, int apiPort, String adminHost, int adminPort, String publicUrl) {
    List<Bound> bound = new ArrayList<>();
    boolean wildcard = add(bound, apiHost, apiPort) | add(bound, adminHost, adminPort);
    String publicHost = null;
    int publicPort = -1;
    if (publicUrl != null) {
      URI uri = URI.create(publicUrl);
      String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
      publicHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
      publicPort = uri.getPort() == -1 ? 443 : uri.getPort();
    }
    state =
        new State(
            List.copyOf(bound), wildcard ? localAddresses() : Set.of(), publicHost, publicPort);
  }

  private static boolean add(List<Bound> bound, String host, int port) {
    if (port == 0) {
      return false;
    }
    try {
      boolean wildcard = false;
      for (InetAddress a : InetAddress.getAllByName(host)) {
        wildcard |= a.isAnyLocalAddress();
        bound.add(new Bound(a.isAnyLocalAddress() ? null : Addresses.normalize(a), port));
      }
      return wildcard;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("the listener host " + host + " does not resolve", e);
    }
  }

  private static Set<InetAddress> localAddresses() {
    Set<InetAddress> out = new HashSet<>();
    try {
      NetworkInterface.networkInterfaces()
          .flatMap(NetworkInterface::inetAddresses)
          .map(Addresses::normalize)
          .forEach(out::add);
    } catch (SocketException e) {
      // No interface list: loopback and the wildcard itself are still recognised below.
    }
    return Set.copyOf(out);
  }

  /** Whether {@code address}:{@code port} reaches one of the KMS's listeners. */
  boolean isOwn(InetAddress address, int port) {
    State s = state;
    InetAddress a = Addresses.normalize(address);
    for (Bound b : s.bound()) {
      if (b.port() != port) {
        continue;
      }
      boolean local = a.isAnyLocalAddress() || a.isLoopbackAddress() || s.local().contains(a);
      if (b.address() == null ? local : a.equals(b.address()) || a.isAnyLocalAddress()) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code host}:{@code port} is the KMS's public URL. */
  boolean isPublic(String host, int port) {
    State s = state;
    return s.publicHost() != null && s.publicHost().equals(host) && s.publicPort() == port;
  }
}
