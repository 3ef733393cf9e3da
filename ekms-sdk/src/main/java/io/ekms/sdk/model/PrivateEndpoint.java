package io.ekms.sdk.model;

import io.ekms.common.secret.Redacted;
import io.ekms.common.secret.WireSecret;
import java.util.List;

/**
 * An EKMS private endpoint ({@code EkmsPrivateEndpoint}): the EKM's host, port and the CA bundle
 * the KMS trusts for it, and every address of the EKM's nodes ({@code host:port}, the first being
 * {@code externalKeyManagerIp} and {@code port}) in the order the KMS tries them.
 */
public record PrivateEndpoint(
    String id,
    String compartmentId,
    String displayName,
    String subnetId,
    String externalKeyManagerIp,
    Integer port,
    String caBundle,
    String lifecycleState,
    String timeCreated,
    List<String> externalKeyManagerAddresses,
    ClientCertificateSummary clientCertificateSummary) {
  @Override
  public String toString() {
    return Redacted.toString(this);
  }

  /**
   * The ekms extension's summary of the client certificate the KMS presents to the EKM (mutual
   * TLS), null when it has none; its private key is never returned.
   */
  public record ClientCertificateSummary(
      String subject, String sha256Fingerprint, String timeExpires) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /**
   * {@code UpdateEkmsPrivateEndpointDetails}: each field left unchanged when null. {@code
   * clientCertificate} (PEM chain, the KMS's certificate first) and {@code clientPrivateKey}
   * (unencrypted PKCS#8 PEM) are an ekms extension, given together: new ones replace the client
   * certificate (the next call to the EKM uses them), both empty remove it.
   */
  public record Update(String displayName, String clientCertificate, WireSecret clientPrivateKey) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /**
   * {@code CreateEkmsPrivateEndpointDetails}. Addresses and CA bundle cannot change later. {@code
   * externalKeyManagerAddresses}, when not null, lists every EKM node as {@code host:port} (IPv6 in
   * brackets), starting with {@code externalKeyManagerIp} and {@code port} if those are given.
   * {@code clientCertificate} and {@code clientPrivateKey} (an ekms extension, both or neither):
   * the certificate chain and unencrypted PKCS#8 key the KMS presents to an EKM that requires
   * client certificates.
   */
  public record Create(
      String compartmentId,
      String displayName,
      String subnetId,
      String externalKeyManagerIp,
      Integer port,
      String caBundle,
      List<String> externalKeyManagerAddresses,
      String clientCertificate,
      WireSecret clientPrivateKey) {
    /** Without a client certificate. */
    public Create(
        String compartmentId,
        String displayName,
        String subnetId,
        String externalKeyManagerIp,
        Integer port,
        String caBundle,
        List<String> externalKeyManagerAddresses) {
      this(
          compartmentId,
          displayName,
          subnetId,
          externalKeyManagerIp,
          port,
          caBundle,
          externalKeyManagerAddresses,
          null,
          null);
    }

    /** An endpoint with the one address {@code externalKeyManagerIp}:{@code port}. */
    public Create(
        String compartmentId,
        String displayName,
        String subnetId,
        String externalKeyManagerIp,
        Integer port,
        String caBundle) {
      this(
          compartmentId,
          displayName,
          subnetId,
          externalKeyManagerIp,
          port,
          caBundle,
          null,
          null,
          null);
    }

    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }
}
