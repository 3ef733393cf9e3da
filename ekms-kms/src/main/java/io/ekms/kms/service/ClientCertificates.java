package io.ekms.kms.service;

import io.ekms.common.secret.SecretBytes;
import io.ekms.common.secret.Wipe;
import io.ekms.common.tls.Pem;
import io.ekms.kms.domain.ClientCertificate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * Checks a private endpoint's client certificate and key (docs/protocols/kms-api.md, Mutual TLS)
 * and seals the key: a PEM chain, the KMS's own certificate first (not a CA, for TLS client
 * authentication, valid now), at most {@link #MAX_CERTIFICATES} certificates; an unencrypted PKCS#8
 * key, EC P-256 or RSA of 2048 to 8192 bits, that belongs to that certificate. Every failure is 400
 * InvalidParameter naming the field; no message echoes the key.
 */
final class ClientCertificates {
  static final int MAX_CHAIN_CHARS = 32_768;
  static final int MAX_KEY_BYTES = 16_384;
  static final int MAX_CERTIFICATES = 8;
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String CERT = "'clientCertificate'";
  private static final String KEY = "'clientPrivateKey'";

  private ClientCertificates() {}

  /** The checked certificate, its key sealed for {@code endpointId} with {@code sealer}. */
  static ClientCertificate check(
      String chainPem, SecretBytes keyPem, Instant now, String endpointId, SecretSealer sealer) {
    List<X509Certificate> chain = chain(chainPem, now);
    PrivateKey key = key(keyPem);
    Validate.check(
        belongs(key, chain.get(0)), KEY + " does not belong to the certificate in " + CERT + ".");
    byte[] der = key.getEncoded();
    byte[] pem = null;
    try {
      String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
      pem =
          ("-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n")
              .getBytes(StandardCharsets.US_ASCII);
      try (SecretBytes sealed = SecretBytes.adopt(pem)) {
        pem = null;
        return new ClientCertificate(
            chainPem, sealer.seal(ClientCertificate.sealId(endpointId), sealed));
      }
    } finally {
      Wipe.bytes(der);
      Wipe.bytes(pem);
    }
  }

  private static List<X509Certificate> chain(String pem, Instant now) {
    Validate.check(
        pem.length() <= MAX_CHAIN_CHARS,
        CERT + " must be at most " + MAX_CHAIN_CHARS + " characters.");
    List<X509Certificate> chain;
    try {
      chain = Pem.certificates(pem);
    } catch (IllegalArgumentException e) {
      throw KmsError.INVALID_PARAMETER.error(
          CERT + " must hold PEM certificates: the KMS's own first, then any intermediate CAs.");
    }
    Validate.check(
        chain.size() <= MAX_CERTIFICATES,
        CERT + " may hold at most " + MAX_CERTIFICATES + " certificates.");
    X509Certificate leaf = chain.get(0);
    Validate.check(
        leaf.getBasicConstraints() < 0,
        CERT + " must start with the KMS's own certificate, not a CA certificate.");
    try {
      List<String> usages = leaf.getExtendedKeyUsage();
      Validate.check(
          usages == null || usages.contains(CLIENT_AUTH),
          CERT
              + " is not for TLS client authentication (its extended key usage lacks clientAuth).");
    } catch (CertificateParsingException e) {
      throw KmsError.INVALID_PARAMETER.error(CERT + " has an unreadable extended key usage.");
    }
    try {
      leaf.checkValidity(Date.from(now));
    } catch (CertificateExpiredException e) {
      throw KmsError.INVALID_PARAMETER.error(
          CERT + " expired at " + leaf.getNotAfter().toInstant() + "; give a current one.");
    } catch (CertificateNotYetValidException e) {
      throw KmsError.INVALID_PARAMETER.error(
          CERT + " is not valid before " + leaf.getNotBefore().toInstant() + ".");
    }
    return chain;
  }

  private static PrivateKey key(SecretBytes pem) {
    Validate.check(
        pem.length() <= MAX_KEY_BYTES, KEY + " must be at most " + MAX_KEY_BYTES + " characters.");
    PrivateKey key =
        pem.reveal(
            b -> {
              String text = new String(b, StandardCharsets.US_ASCII);
              if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
                return null;
              }
              try {
                return Pem.privateKey(text);
              } catch (IOException e) {
                return null;
              }
            });
    Validate.check(
        key != null,
        KEY
            + " must be an unencrypted PKCS#8 private key in PEM (-----BEGIN PRIVATE KEY-----;"
            + " openssl pkcs8 -topk8 -nocrypt converts other forms).");
    Validate.check(
        isP256(key) || (key instanceof RSAPrivateKey r && rsaBits(r)),
        KEY + " must be an EC P-256 key or an RSA key of 2048 to 8192 bits.");
    return key;
  }

  private static boolean rsaBits(RSAPrivateKey key) {
    int bits = key.getModulus().bitLength();
    return bits >= 2048 && bits <= 8192;
  }

  private static boolean isP256(PrivateKey key) {
    if (!(key instanceof ECPrivateKey ec)) {
      return false;
    }
    try {
      AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
      p.init(new ECGenParameterSpec("secp256r1"));
      ECParameterSpec p256 = p.getParameterSpec(ECParameterSpec.class);
      ECParameterSpec own = ec.getParams();
      return own.getOrder().equals(p256.getOrder())
          && own.getCurve().equals(p256.getCurve())
          && own.getGenerator().equals(p256.getGenerator());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** Whether {@code key} signs what {@code certificate}'s public key verifies. */
  private static boolean belongs(PrivateKey key, X509Certificate certificate) {
    String algorithm = key instanceof ECPrivateKey ? "SHA256withECDSA" : "SHA256withRSA";
    byte[] challenge = new byte[32];
    new SecureRandom().nextBytes(challenge);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
