package io.ekms.kms.ekmclient;

import io.ekms.common.secret.SecretBytes;
import io.ekms.common.tls.Pem;
import io.ekms.kms.domain.ClientCertificate;
import io.ekms.kms.domain.PrivateEndpoint;
import io.ekms.kms.external.ExternalVaults.ClientSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The certificate and private key the KMS presents to an EKM that asks for one (mutual TLS), and
 * the {@link ClientCertificate#identity()} that names it in the connection pool, so a rotated
 * certificate gets connections of its own. The key is opened from its seal only to build this.
 */
record ClientIdentity(PrivateKey key, List<X509Certificate> chain, String id) {
  ClientIdentity {
    chain = List.copyOf(chain);
  }

  /** {@code endpoint}'s client identity, its key opened with {@code secrets}; null for none. */
  static ClientIdentity of(PrivateEndpoint endpoint, ClientSecrets secrets) {
    ClientCertificate certificate = endpoint.clientCertificate();
    if (certificate == null) {
      return null;
    }
    try (SecretBytes pem =
        secrets.open(ClientCertificate.sealId(endpoint.id()), certificate.sealedKey())) {
      PrivateKey key =
          pem.reveal(
              b -> {
                try {
                  return Pem.privateKey(new String(b, StandardCharsets.US_ASCII));
                } catch (IOException e) {
                  throw new IllegalStateException(
                      "the client key of private endpoint " + endpoint.id() + " does not load");
                }
              });
      return new ClientIdentity(
          key, Pem.certificates(certificate.chainPem()), certificate.identity());
    }
  }

  @Override
  public String toString() {
    return "ClientIdentity[" + id + "]";
  }
}
