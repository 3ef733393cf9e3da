package io.ekms.kms.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP listener on 127.0.0.1 that accepts connections, counts them and never says a word (what a
 * firewall that drops packets looks like to a client, once past the handshake). Closing it leaves
 * its port closed.
 */
final class SilentListener implements AutoCloseable {
  private final ServerSocket server;
  private final AtomicInteger accepted = new AtomicInteger();
  private final List<Socket> held = new ArrayList<>();

  SilentListener() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    Thread accepter = new Thread(this::acceptForever, "silent-listener-" + server.getLocalPort());
    accepter.setDaemon(true);
    accepter.start();
  }

  private void acceptForever() {
    try {
      while (true) {
        Socket socket = server.accept();
        synchronized (held) {
          held.add(socket);
        }
        accepted.incrementAndGet();
      }
    } catch (IOException e) {
      // closed
    }
  }

  int port() {
    return server.getLocalPort();
  }

  int accepted() {
    return accepted.get();
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (held) {
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
