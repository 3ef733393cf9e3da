package io.ekms.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.OptionalInt;

/**
 * The six listeners of a {@link LoopbackStack}: identity, identity admin, EKM, EKM admin, KMS, KMS
 * admin. A port of 0 picks a free one when the server starts.
 */
public record StackPorts(
    int identity, int identityAdmin, int ekm, int ekmAdmin, int kms, int kmsAdmin) {
  /** The servers' own defaults. */
  public static final StackPorts DEFAULTS = new StackPorts(8445, 8446, 8443, 8444, 9443, 9444);

  /** Free ports chosen at start, for tests. */
  public static final StackPorts EPHEMERAL = new StackPorts(0, 0, 0, 0, 0, 0);

  /** Six consecutive ports from {@code base}. */
  public static StackPorts from(int base) {
    return new StackPorts(base, base + 1, base + 2, base + 3, base + 4, base + 5);
  }

  public List<Integer> all() {
    return List.of(identity, identityAdmin, ekm, ekmAdmin, kms, kmsAdmin);
  }

  /**
   * Checks that every fixed port is free on 127.0.0.1.
   *
   * @throws StackException naming the first taken port
   */
  public void requireFree() {
    OptionalInt taken = firstTaken();
    if (taken.isPresent()) {
      throw new StackException(
          "Port "
              + taken.getAsInt()
              + " on 127.0.0.1 is taken (is another ekms running?); stop it or choose"
              + " other ports.");
    }
  }

  /** The first fixed port that is taken on 127.0.0.1, if any. */
  public OptionalInt firstTaken() {
    for (int port : all()) {
      if (port != 0 && taken(port)) {
        return OptionalInt.of(port);
      }
    }
    return OptionalInt.empty();
  }

  /** True when {@code port} cannot be bound on 127.0.0.1 now. */
  public static boolean taken(int port) {
    try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
