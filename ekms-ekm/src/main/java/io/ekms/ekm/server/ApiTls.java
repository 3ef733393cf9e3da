package io.ekms.ekm.server;

import io.ekms.common.config.Misconfiguration;
import io.ekms.common.tls.Pem;
import io.ekms.core.http.ServerTls;
import io.ekms.core.tls.ServerIdentity;
import io.helidon.common.tls.Tls;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The EKM API listener's TLS: the server's, plus a required client certificate issued by a CA in
 * {@code tls.clientCaFile} when that is set (mutual TLS with the KMS). A client without one, or
 * with one from another CA, or an expired one, fails the handshake: its request, token or not,
 * never reaches a route. The admin listener is not affected.
 */
final class ApiTls {
  private ApiTls() {}

  /** {@code serverTls} when no client CA is configured, else the mutual variant. */
  static Tls of(EkmConfig.TlsFiles files, ServerIdentity identity, Tls serverTls) {
    if (files.clientCaFile() == null) {
      return serverTls;
    }
    try {
      return ServerTls.mutual(identity, Pem.certificates(Path.of(files.clientCaFile())));
    } catch (IOException | RuntimeException e) {
      throw new Misconfiguration(
          "cannot read tls.clientCaFile " + files.clientCaFile() + " (" + e.getMessage() + ").");
    }
  }
}
