package io.ekms.core.tls;

import io.ekms.common.tls.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A server's private key and certificate chain (leaf first). */
public record ServerIdentity(PrivateKey privateKey, List<X509Certificate> chain) {
  public ServerIdentity {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("certificate chain is empty");
    }
  }

  public static ServerIdentity load(Path certificateFile, Path privateKeyFile) throws IOException {
    return new ServerIdentity(Pem.privateKey(privateKeyFile), Pem.certificates(certificateFile));
  }

  /** Writes the chain and the key (0600) as PEM files. */
  public void writeTo(Path certificateFile, Path privateKeyFile) throws IOException {
    Files.createDirectories(certificateFile.toAbsolutePath().getParent());
    Files.writeString(
        certificateFile, PemWriter.encode(chain.toArray()), StandardCharsets.US_ASCII);
    LocalCa.writePrivate(privateKeyFile, PemWriter.encode(privateKey));
  }

  /** A TLS 1.2/1.3 server context presenting this identity. */
  public SSLContext sslContext() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = new char[0];
      store.setKeyEntry("server", privateKey, password, chain.toArray(new X509Certificate[0]));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the TLS server context", e);
    }
  }

  @Override
  public String toString() {
    return "ServerIdentity[" + chain.get(0).getSubjectX500Principal() + "]";
  }
}
