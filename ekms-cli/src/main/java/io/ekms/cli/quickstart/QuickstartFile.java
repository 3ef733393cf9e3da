package io.ekms.cli.quickstart;

import io.ekms.common.json.Json;
import io.ekms.common.secret.Redacted;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code <data-dir>/quickstart.json}: what the quickstart set up, for scripts, CI pipelines and
 * {@code ekms ... --quickstart FILE}. Paths are absolute, endpoints are base URLs. It holds the XKS
 * secret access key, so it is written owner-only (0600), whole or not at all.
 *
 * @param caCertificate the local CA (PEM) that issued every server certificate
 * @param kms the KMS: base URL, OCI config file and profile, and the resources made in it
 * @param ekm the EKM: API and admin base URLs, admin token file, vault and key
 * @param identity the OAuth issuer's base URL
 * @param xks the XKS key store on the EKM: host:port, URI prefix, SigV4 credential and key id
 * @param gcp the Google Cloud EKM key store on the EKM, and how to get an ID token for it
 */
public record QuickstartFile(
    String caCertificate, Kms kms, Ekm ekm, Identity identity, Xks xks, Gcp gcp) {
  @Override
  public String toString() {
    return Redacted.toString(this);
  }

  /** The file's name inside the data directory. */
  public static final String NAME = "quickstart.json";

  /** The KMS and the resources the story created through its API. */
  public record Kms(
      String endpoint,
      String adminEndpoint,
      String ociConfig,
      String profile,
      String compartmentId,
      String vaultId,
      String keyId,
      String privateEndpointId) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /** The EKM and the vault and key behind the KMS key. */
  public record Ekm(
      String endpoint, String adminEndpoint, String adminTokenFile, String vaultId, String keyId) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /** The identity server (OAuth issuer) and its admin listener. */
  public record Identity(String endpoint, String adminEndpoint) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /**
   * The XKS key store: {@code host} is host:port, {@code uriPrefix} has no leading slash; behind
   * mutual TLS ({@code --xks-mtls}) a client must present {@code clientCertificate} with its key
   * {@code clientKey} (PEM files; both null otherwise).
   */
  @com.fasterxml.jackson.annotation.JsonInclude(
      com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  public record Xks(
      String host,
      String uriPrefix,
      String accessKeyId,
      String secretAccessKey,
      String keyId,
      String clientCertificate,
      String clientKey) {
    public Xks(
        String host, String uriPrefix, String accessKeyId, String secretAccessKey, String keyId) {
      this(host, uriPrefix, accessKeyId, secretAccessKey, keyId, null, null);
    }

    /** The same key store reached at {@code host}, with mutual TLS when {@code mtls} is set. */
    public Xks at(String newHost, XksMtls mtls) {
      return new Xks(
          newHost,
          uriPrefix,
          accessKeyId,
          secretAccessKey,
          keyId,
          mtls == null ? null : mtls.clientCertificate().toString(),
          mtls == null ? null : mtls.clientKey().toString());
    }

    @Override
    public String toString() {
      return Redacted.toString(this);
    }
  }

  /**
   * The Google Cloud EKM key store: the key's URI is {@code endpoint/uriPrefix/v0/keys/keyName}; ID
   * tokens come from the identity server standing in for Google ({@code issuer}), for the
   * service-account client {@code clientId} whose e-mail is {@code serviceAccount}: one fetched by
   * the latest run is in {@code tokenFile} (valid an hour), and {@code tokenCommand} fetches a new
   * one (its {@code access_token}).
   */
  public record Gcp(
      String endpoint,
      String uriPrefix,
      String keyName,
      String issuer,
      String audience,
      String serviceAccount,
      String clientId,
      String tokenFile,
      String tokenCommand) {
    @Override
    public String toString() {
      return Redacted.toString(this);
    }

    public String keyUri() {
      return endpoint + "/" + uriPrefix + "/v0/keys/" + keyName;
    }
  }

  /** This file with the XKS key store as this run serves it. */
  public QuickstartFile withXks(Xks now) {
    return new QuickstartFile(caCertificate, kms, ekm, identity, now, gcp);
  }

  /** This file with the Google key store added (a data directory set up before it existed). */
  public QuickstartFile withGcp(Gcp added) {
    return new QuickstartFile(caCertificate, kms, ekm, identity, xks, added);
  }

  /** Reads the file, or returns null when it does not exist. */
  public static QuickstartFile readIfPresent(Path dataDir) throws IOException {
    Path file = dataDir.resolve(NAME);
    return Files.exists(file) ? Json.read(Files.readAllBytes(file), QuickstartFile.class) : null;
  }

  /** Writes the file (0600) through a temporary file and an atomic rename. */
  public void writeTo(Path dataDir) throws IOException {
    Path tmp =
        Files.createTempFile(
            dataDir,
            ".quickstart",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.write(tmp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
      Files.move(tmp, dataDir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
