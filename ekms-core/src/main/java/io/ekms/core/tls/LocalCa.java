package io.ekms.core.tls;

import io.ekms.common.tls.Pem;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small certificate authority for local set-ups and tests: an EC P-256 root that issues server
 * certificates for loopback names and client certificates. Production deployments bring their own
 * certificates.
 */
public final class LocalCa {
  private final KeyPair keyPair;
  private final X509Certificate certificate;

  private LocalCa(KeyPair keyPair, X509Certificate certificate) {
    this.keyPair = keyPair;
    this.certificate = certificate;
  }

  public static LocalCa create(String commonName) {
    KeyPair pair = newKeyPair();
    X500Name name = new X500Name("CN=" + commonName);
    try {
      X509v3CertificateBuilder builder = builder(name, name, pair, Duration.ofDays(3650));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return new LocalCa(pair, sign(builder, pair.getPrivate()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public String certificatePem() {
    return PemWriter.encode(certificate);
  }

  /** Issues a server certificate valid for {@code dnsNames} and {@code ipAddresses}. */
  public ServerIdentity issueServer(String commonName, List<String> dnsNames, List<String> ips) {
    KeyPair pair = newKeyPair();
    try {
      X509v3CertificateBuilder builder =
          builder(
              new X500Name(certificate.getSubjectX500Principal().getName()),
              new X500Name("CN=" + commonName),
              pair,
              Duration.ofDays(825));
      GeneralName[] names = new GeneralName[dnsNames.size() + ips.size()];
      int i = 0;
      for (String dns : dnsNames) {
        names[i++] = new GeneralName(GeneralName.dNSName, dns);
      }
      for (String ip : ips) {
        names[i++] =
            new GeneralName(GeneralName.iPAddress, InetAddress.getByName(ip).getHostAddress());
      }
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      X509Certificate cert = sign(builder, keyPair.getPrivate());
      return new ServerIdentity(pair.getPrivate(), List.of(cert, certificate));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Issues a client certificate (TLS client authentication only) for {@code commonName}, valid from
   * {@code notBefore} to {@code notAfter}: tests give a window in the past for an expired one.
   */
  public ServerIdentity issueClient(String commonName, Instant notBefore, Instant notAfter) {
    KeyPair pair = newKeyPair();
    try {
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              new X500Name(certificate.getSubjectX500Principal().getName()),
              new BigInteger(128, new SecureRandom()),
              Date.from(notBefore),
              Date.from(notAfter),
              new X500Name("CN=" + commonName),
              pair.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
      X509Certificate cert = sign(builder, keyPair.getPrivate());
      return new ServerIdentity(pair.getPrivate(), List.of(cert, certificate));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A client certificate for {@code commonName}, valid from an hour ago for {@code validity}. */
  public ServerIdentity issueClient(String commonName, Duration validity) {
    Instant now = Instant.now();
    return issueClient(commonName, now.minus(Duration.ofHours(1)), now.plus(validity));
  }

  /**
   * Writes {@code ca.pem} (and, with {@code includeKey}, {@code ca-key.pem} 0600) to {@code dir}.
   */
  public void writeTo(Path dir, boolean includeKey) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("ca.pem"), certificatePem(), StandardCharsets.US_ASCII);
    if (includeKey) {
      writePrivate(dir.resolve("ca-key.pem"), PemWriter.encode(keyPair.getPrivate()));
    }
  }

  public static LocalCa load(Path dir) throws IOException {
    X509Certificate cert = Pem.certificates(dir.resolve("ca.pem")).get(0);
    PrivateKey key = Pem.privateKey(dir.resolve("ca-key.pem"));
    return new LocalCa(new KeyPair(cert.getPublicKey(), key), cert);
  }

  static void writePrivate(Path file, String pem) throws IOException {
    Files.deleteIfExists(file);
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.writeString(file, pem, StandardCharsets.US_ASCII);
  }

  private static X509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, KeyPair pair, Duration validity) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        new BigInteger(128, new SecureRandom()),
        Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(validity)),
        subject,
        pair.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) {
    try {
      var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign certificate", e);
    }
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
