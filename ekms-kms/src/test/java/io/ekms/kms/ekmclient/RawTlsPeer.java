package io.ekms.kms.ekmclient;

import io.ekms.core.tls.LocalCa;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.SSLServerSocket;

/**
 * A bare TLS listener on loopback with a certificate from its own CA, for tests that play a peer
 * misbehaving below HTTP, and a transport that trusts it.
 */
final class RawTlsPeer {
  final LocalCa ca;
  final SSLServerSocket server;

  RawTlsPeer(String name) throws IOException {
    this.ca = LocalCa.create(name + " CA");
    this.server =
        (SSLServerSocket)
            ca.issueServer(name, List.of(), List.of("127.0.0.1"))
                .sslContext()
                .getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress());
  }

  /** A transport that trusts this peer's CA, with {@code config}'s timeouts. */
  Transport transport(EkmClientConfig config, ExecutorService executor) {
    return new Transport(
        List.of(ca.certificate()), config, executor, LoopbackClients.DEADLINES, () -> {});
  }

  String url(String path) {
    return "https://127.0.0.1:" + server.getLocalPort() + path;
  }
}
