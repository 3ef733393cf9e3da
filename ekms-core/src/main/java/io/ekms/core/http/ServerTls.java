package io.ekms.core.http;

import io.ekms.core.tls.ServerIdentity;
import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import java.security.cert.X509Certificate;
import java.util.List;

/** Builds Helidon's TLS settings for ekms listeners: TLS 1.3 and 1.2 only. */
public final class ServerTls {
  private ServerTls() {}

  public static Tls of(ServerIdentity identity) {
    return base(identity).build();
  }

  /** TLS that also requires a client certificate issued by one of {@code clientCas}. */
  public static Tls mutual(ServerIdentity identity, List<X509Certificate> clientCas) {
    return base(identity).trust(clientCas).clientAuth(TlsClientAuth.REQUIRED).build();
  }

  private static io.helidon.common.tls.TlsConfig.Builder base(ServerIdentity identity) {
    return Tls.builder()
        .privateKey(identity.privateKey())
        .privateKeyCertChain(identity.chain())
        .enabledProtocols(List.of("TLSv1.3", "TLSv1.2"));
  }
}
