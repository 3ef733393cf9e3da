package io.ekms.conformance;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The kit's TLS as a client: trusting the given CAs only, with or without a client certificate, and
 * with the client certificates no EKM may accept (self-signed, expired), made fresh for each run.
 */
public final class ClientTls {
  private ClientTls() {}

  /**
   * Trusts {@code trusted} (null: the JDK's trust store); presents {@code chain} with {@code key}
   * when they are not null.
   */
  public static SSLContext of(
      List<X509Certificate> trusted, List<X509Certificate> chain, PrivateKey key) {
    try {
      KeyStore trust = null;
      if (trusted != null) {
        trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < trusted.size(); i++) {
          trust.setCertificateEntry("ca-" + i, trusted.get(i));
        }
      }
      var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      char[] password = "kit".toCharArray();
      if (chain != null && key != null) {
        keys.setKeyEntry("client", key, password, chain.toArray(X509Certificate[]::new));
      }
      kmf.init(keys, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build the kit's TLS context", e);
    }
  }

  /**
   * Trusts {@code trusted} and presents a fresh self-signed client certificate, valid now or, with
   * {@code expired}, expired yesterday.
   */
  public static SSLContext selfSigned(List<X509Certificate> trusted, boolean expired) {
    try {
      var generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      Instant now = Instant.now();
      Instant from = expired ? now.minus(Duration.ofDays(30)) : now.minus(Duration.ofHours(1));
      Instant to = expired ? now.minus(Duration.ofDays(1)) : now.plus(Duration.ofDays(1));
      X500Name name = new X500Name("CN=ekms conformance bogus client");
      var holder =
          new JcaX509v3CertificateBuilder(
                  name,
                  new BigInteger(64, new SecureRandom()),
                  Date.from(from),
                  Date.from(to),
                  name,
                  pair.getPublic())
              .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
      return of(trusted, List.of(cert), pair.getPrivate());
    } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new IllegalStateException("cannot make a bogus client certificate", e);
    }
  }
}
