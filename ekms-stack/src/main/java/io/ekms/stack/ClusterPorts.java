package io.ekms.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The listeners of a {@link ProcessCluster} of {@code nodes} EKM and {@code nodes} KMS nodes:
 * identity and its admin, then each EKM node's API and admin, then each KMS node's.
 */
public record ClusterPorts(int nodes, List<Integer> ports) {
  public ClusterPorts {
    ports = List.copyOf(ports);
    if (nodes < 1 || ports.size() != 2 + 4 * nodes) {
      throw new IllegalArgumentException("two ports for identity and four per node pair");
    }
  }

  /**
   * The servers' defaults, node {@code i} (from 0) {@code 10 * i} above them: identity 8445/8446,
   * EKM 8443/8444, 8453/8454, ..., KMS 9443/9444, 9453/9454, ...
   */
  public static ClusterPorts defaults(int nodes) {
    List<Integer> ports = new ArrayList<>(List.of(8445, 8446));
    for (int base : List.of(8443, 9443)) {
      for (int i = 0; i < nodes; i++) {
        ports.addAll(List.of(base + 10 * i, base + 1 + 10 * i));
      }
    }
    return new ClusterPorts(nodes, ports);
  }

  /** Consecutive ports from {@code base}. */
  public static ClusterPorts from(int base, int nodes) {
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < 2 + 4 * nodes; i++) {
      ports.add(base + i);
    }
    return new ClusterPorts(nodes, ports);
  }

  /** Free ports of 127.0.0.1, chosen now (for tests). */
  public static ClusterPorts free(int nodes) {
    List<Integer> ports = new ArrayList<>();
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < 2 + 4 * nodes; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(socket);
        ports.add(socket.getLocalPort());
      }
      for (ServerSocket socket : held) {
        socket.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
    return new ClusterPorts(nodes, ports);
  }

  int identity() {
    return ports.get(0);
  }

  int identityAdmin() {
    return ports.get(1);
  }

  /** EKM node {@code i} (from 0): API and admin. */
  int ekm(int i, boolean admin) {
    return ports.get(2 + 2 * i + (admin ? 1 : 0));
  }

  /** KMS node {@code i} (from 0): API and admin. */
  int kms(int i, boolean admin) {
    return ports.get(2 + 2 * nodes + 2 * i + (admin ? 1 : 0));
  }

  /** The first port that is taken on 127.0.0.1, if any. */
  public OptionalInt firstTaken() {
    for (int port : ports) {
      try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        socket.setReuseAddress(true);
      } catch (IOException e) {
        return OptionalInt.of(port);
      }
    }
    return OptionalInt.empty();
  }
}
