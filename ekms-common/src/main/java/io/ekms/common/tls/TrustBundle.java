package io.ekms.common.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Client-side TLS that trusts exactly the given CA certificates and nothing else, optionally with a
 * client certificate (mutual TLS).
 */
public final class TrustBundle {
  private TrustBundle() {}

  /**
   * A client context trusting {@code trusted} only.
   *
   * @throws IllegalArgumentException {@code trusted} is empty: the JDK would accept that here and
   *     fail every handshake later with an internal error
   */
  public static SSLContext sslContext(List<X509Certificate> trusted) {
    return sslContext(trusted, null, List.of());
  }

  /**
   * A client context trusting {@code trusted} only and presenting {@code key} with {@code chain}
   * (its certificate first) to every server that asks for a client certificate; no client
   * certificate when {@code key} is null.
   */
  public static SSLContext sslContext(
      List<X509Certificate> trusted, PrivateKey key, List<X509Certificate> chain) {
    if (trusted.isEmpty()) {
      throw new IllegalArgumentException("a trust bundle needs at least one CA certificate");
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      int i = 0;
      for (X509Certificate cert : trusted) {
        store.setCertificateEntry("ca-" + i++, cert);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      KeyManager[] identity =
          key == null ? null : new KeyManager[] {new FixedKeyManager(key, chain)};
      context.init(identity, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the TLS trust context", e);
    }
  }
}
