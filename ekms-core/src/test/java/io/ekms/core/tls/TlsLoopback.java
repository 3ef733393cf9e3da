package io.ekms.core.tls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** A real TLS handshake and one line each way between two contexts over 127.0.0.1. */
final class TlsLoopback {
  /** Guards against a hung peer; never asserted on. */
  private static final int SOCKET_TIMEOUT_MILLIS = 20_000;

  private TlsLoopback() {}

  /**
   * Connects a client of {@code client} to a server of {@code server}, verifying the server's
   * certificate for {@code peerName} as an HTTPS client does, and sends "ping".
   *
   * @return the server's answer and the negotiated protocol, e.g. {@code "pong TLSv1.3"}
   * @throws IOException the client's failure, e.g. {@link javax.net.ssl.SSLHandshakeException}
   */
  static String exchange(SSLContext server, SSLContext client, String peerName) throws IOException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    try (SSLServerSocket listener =
        (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1, loopback)) {
      listener.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
      CompletableFuture<Void> served = new CompletableFuture<>();
      Thread.ofVirtual().start(() -> serve(listener, served));
      try (Socket plain = new Socket(loopback, listener.getLocalPort());
          SSLSocket socket =
              (SSLSocket)
                  client
                      .getSocketFactory()
                      .createSocket(plain, peerName, listener.getLocalPort(), true)) {
        socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        OutputStream out = socket.getOutputStream();
        out.write("ping\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String answer = reader(socket).readLine();
        served.join();
        return answer + " " + socket.getSession().getProtocol();
      }
    }
  }

  private static void serve(SSLServerSocket listener, CompletableFuture<Void> served) {
    try (SSLSocket socket = (SSLSocket) listener.accept()) {
      socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
      String line = reader(socket).readLine();
      socket.getOutputStream().write(("ping".equals(line) ? "pong\n" : "what?\n").getBytes());
      socket.getOutputStream().flush();
      served.complete(null);
    } catch (IOException e) {
      served.completeExceptionally(e);
    }
  }

  private static BufferedReader reader(SSLSocket socket) throws IOException {
    return new BufferedReader(
        new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
  }
}
