package io.ekms.cli.quickstart;

import io.ekms.core.tls.LocalCa;
import io.ekms.core.tls.ServerIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The quickstart's XKS key store behind mutual TLS ({@code --xks-mtls}), as AWS KMS reaches an
 * external key store: a client CA the XKS listener trusts, and a client certificate and key (0600)
 * standing for AWS KMS, made on first use under {@code <data dir>/xks-mtls/} and kept.
 */
record XksMtls(Path clientCa, Path clientCertificate, Path clientKey) {
  /** The files under {@code dataDir}, made when missing. */
  static XksMtls prepare(Path dataDir) throws IOException {
    Path dir = Files.createDirectories(dataDir.resolve("xks-mtls"));
    XksMtls files =
        new XksMtls(
            dir.resolve("client-ca.pem"), dir.resolve("client.pem"), dir.resolve("client-key.pem"));
    if (!Files.exists(files.clientKey())) {
      LocalCa ca = LocalCa.create("ekms quickstart XKS clients");
      Files.writeString(files.clientCa(), ca.certificatePem());
      ServerIdentity client = ca.issueServer("aws-kms.quickstart", List.of("aws-kms"), List.of());
      client.writeTo(files.clientCertificate(), files.clientKey());
    }
    return files;
  }
}
