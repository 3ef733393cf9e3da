package io.ekms.core.tls;

import io.ekms.core.secret.SecretFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** Reads and writes PEM certificates and private keys. */
public final class Pem {
  private Pem() {}

  public static List<X509Certificate> certificates(String pem) {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> out = new ArrayList<>();
      for (var c :
          factory.generateCertificates(
              new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new IllegalArgumentException("no certificate found in PEM");
      }
      return out;
    } catch (CertificateException e) {
      throw new IllegalArgumentException("PEM does not hold valid X.509 certificates");
    }
  }

  public static List<X509Certificate> certificates(Path file) throws IOException {
    return certificates(Files.readString(file, StandardCharsets.US_ASCII));
  }

  /**
   * Reads an unencrypted private key from a PEM file that only its owner may read.
   *
   * @throws io.ekms.core.config.Misconfiguration when group or others may read the file
   */
  public static PrivateKey privateKey(Path file) throws IOException {
    SecretFiles.requireOwnerOnly(file, "private key file");
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      return toKey(parser.readObject());
    }
  }

  public static PrivateKey privateKey(String pem) throws IOException {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      return toKey(parser.readObject());
    }
  }

  private static PrivateKey toKey(Object object) throws IOException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    if (object instanceof PEMKeyPair pair) {
      return converter.getPrivateKey(pair.getPrivateKeyInfo());
    }
    if (object instanceof PrivateKeyInfo info) {
      return converter.getPrivateKey(info);
    }
    throw new IOException("no unencrypted private key found in PEM");
  }

  public static String encode(Object... objects) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (Object o : objects) {
        if (o instanceof PrivateKey key) {
          // PKCS#8 keeps the curve parameters with EC keys, so every reader can load them.
          writer.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
        } else {
          writer.writeObject(o);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }
}
