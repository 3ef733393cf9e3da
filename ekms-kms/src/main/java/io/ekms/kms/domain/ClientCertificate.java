package io.ekms.kms.domain;

import io.ekms.common.tls.Pem;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The certificate the KMS presents to an EKM that requires client certificates (mutual TLS): the
 * PEM chain (the KMS's certificate first) and its private key sealed under the KMS master key
 * (never answered, never logged). Shown instead of the key: the certificate's SHA-256 fingerprint
 * (lower-case hex of the leaf's DER), subject and expiry.
 */
public final class ClientCertificate {
  private final String chainPem;
  private final String sealedKey;
  private final String fingerprint;
  private final String subject;
  private final Instant notAfter;
  private final String identity;

  /**
   * @throws IllegalArgumentException {@code chainPem} holds no valid certificate
   */
  public ClientCertificate(String chainPem, String sealedKey) {
    this.chainPem = Objects.requireNonNull(chainPem);
    this.sealedKey = Objects.requireNonNull(sealedKey);
    List<X509Certificate> chain = Pem.certificates(chainPem);
    X509Certificate leaf = chain.get(0);
    this.fingerprint = sha256(List.of(leaf));
    this.subject = leaf.getSubjectX500Principal().getName();
    this.notAfter = leaf.getNotAfter().toInstant();
    this.identity = sha256(chain);
  }

  /** The PEM chain, the KMS's certificate first. */
  public String chainPem() {
    return chainPem;
  }

  /** The PKCS#8 private key, sealed under the KMS master key. */
  public String sealedKey() {
    return sealedKey;
  }

  /** SHA-256 of the leaf certificate's DER, lower-case hex. */
  public String fingerprint() {
    return fingerprint;
  }

  /** The leaf certificate's subject (RFC 2253). */
  public String subject() {
    return subject;
  }

  /** When the leaf certificate expires. */
  public Instant notAfter() {
    return notAfter;
  }

  /**
   * What the KMS knows this credential by: SHA-256 over the whole chain, so a changed chain is a
   * changed credential even with the same leaf.
   */
  public String identity() {
    return identity;
  }

  /**
   * What the seal of endpoint {@code endpointId}'s client key is bound to: never a vault id (those
   * have no '/'), so neither seal opens as the other.
   */
  public static String sealId(String endpointId) {
    return endpointId + "/client-key";
  }

  /** {@code certificate}'s {@link #identity()}, "" for none. */
  public static String identity(ClientCertificate certificate) {
    return certificate == null ? "" : certificate.identity();
  }

  /** SHA-256 over the certificates' DER encodings, each preceded by its length. */
  private static String sha256(List<X509Certificate> certificates) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (X509Certificate certificate : certificates) {
        byte[] der = certificate.getEncoded();
        if (certificates.size() > 1) {
          digest.update(java.nio.ByteBuffer.allocate(4).putInt(der.length).array());
        }
        digest.update(der);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalArgumentException("a client certificate cannot be encoded", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClientCertificate c
        && c.chainPem.equals(chainPem)
        && c.sealedKey.equals(sealedKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(chainPem, sealedKey);
  }

  @Override
  public String toString() {
    return "ClientCertificate[subject=" + subject + ", sha256=" + fingerprint + "]";
  }
}
