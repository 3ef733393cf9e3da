package io.ekms.core.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How many connections the kernel has completed for a listening TCP socket that the server has not
 * accepted yet, read from Linux's {@code /proc/net/tcp} and {@code tcp6}: for a socket in the
 * LISTEN state (0A) the {@code rx_queue} column is the length of its accept queue. It lets a test
 * see that a server is not taking a connection, rather than wait a while and infer it.
 */
final class AcceptQueue {
  private static final String LISTEN = "0A";

  private AcceptQueue() {}

  static int length(int port) throws IOException {
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines = Files.readAllLines(Path.of(table));
      for (String line : lines.subList(1, lines.size())) {
        // sl local_address rem_address st tx_queue:rx_queue ...; addresses are HEXIP:HEXPORT
        String[] fields = line.strip().split("\\s+");
        String local = fields[1];
        int localPort = Integer.parseInt(local.substring(local.indexOf(':') + 1), 16);
        if (localPort == port && fields[3].equals(LISTEN)) {
          return Integer.parseInt(fields[4].substring(fields[4].indexOf(':') + 1), 16);
        }
      }
    }
    throw new IllegalStateException("no socket listens on port " + port);
  }
}
