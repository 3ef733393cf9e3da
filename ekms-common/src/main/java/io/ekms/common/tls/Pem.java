package io.ekms.common.tls;

import io.ekms.common.secret.SecretFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads PEM certificates and unencrypted private keys with the JDK alone: PKCS#8 ({@code PRIVATE
 * KEY}, RSA or EC), PKCS#1 ({@code RSA PRIVATE KEY}) and SEC 1 ({@code EC PRIVATE KEY}). Input is
 * bounded; error messages name what is wrong and never echo the content.
 */
public final class Pem {
  /** Far above any certificate chain or key ekms reads; larger input is refused unread. */
  static final int MAX_CHARS = 1 << 20;

  private Pem() {}

  /**
   * Every certificate in {@code pem}, in order.
   *
   * @throws IllegalArgumentException there is none, or one is not valid X.509
   */
  public static List<X509Certificate> certificates(String pem) {
    if (pem.length() > MAX_CHARS) {
      throw new IllegalArgumentException("PEM larger than " + MAX_CHARS + " characters");
    }
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> out = new ArrayList<>();
      for (var c :
          factory.generateCertificates(
              new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
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
    return certificates(read(file));
  }

  /**
   * Reads an unencrypted private key from a PEM file that only its owner may read.
   *
   * @throws io.ekms.common.config.Misconfiguration when group or others may read the file
   */
  public static PrivateKey privateKey(Path file) throws IOException {
    SecretFiles.requireOwnerOnly(file, "private key file");
    return privateKey(read(file));
  }

  /**
   * The first private key in {@code pem}.
   *
   * @throws IOException there is no unencrypted private key, or it is malformed
   */
  public static PrivateKey privateKey(String pem) throws IOException {
    if (pem.length() > MAX_CHARS) {
      throw new IOException("PEM larger than " + MAX_CHARS + " characters");
    }
    for (PemBlock block : PemBlock.all(pem)) {
      PrivateKey key = PrivateKeys.decode(block);
      if (key != null) {
        return key;
      }
    }
    throw new IOException("no unencrypted private key found in PEM");
  }

  private static String read(Path file) throws IOException {
    if (Files.size(file) > MAX_CHARS) {
      throw new IOException("PEM file " + file + " is larger than " + MAX_CHARS + " bytes");
    }
    return Files.readString(file, StandardCharsets.US_ASCII);
  }
}
