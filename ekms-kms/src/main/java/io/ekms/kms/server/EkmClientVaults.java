package io.ekms.kms.server;

import io.ekms.core.secret.SecretBytes;
import io.ekms.kms.ekmclient.EkmClient;
import io.ekms.kms.ekmclient.EkmClients;
import io.ekms.kms.ekmclient.EkmException;
import io.ekms.kms.ekmclient.EkmRefused;
import io.ekms.kms.ekmclient.IdentityFailure;
import io.ekms.kms.external.ExternalKeyManagerException;
import io.ekms.kms.external.ExternalKeyManagerException.Kind;
import io.ekms.kms.external.ExternalVault;
import io.ekms.kms.external.ExternalVaults;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@link ExternalVaults} over the real EKM API client: one {@link EkmClient} per vault, sharing
 * HTTP connections per private endpoint; every failure sorted into what the KMS answers.
 */
final class EkmClientVaults implements ExternalVaults, AutoCloseable {
  private final EkmClients clients;
  private final List<X509Certificate> identityCas;

  /** {@code identityCas}: the CAs trusted for identity servers' token endpoints. */
  EkmClientVaults(EkmClients clients, List<X509Certificate> identityCas) {
    this.clients = clients;
    this.identityCas = List.copyOf(identityCas);
  }

  /**
   * The audience tokens are requested for ({@code scope=<audience>oci_ekms}): the EKM's own origin,
   * {@code https://host:port/}, which is what an ekms EKM expects by default.
   */
  static String audience(String vaultUrl) {
    java.net.URI uri = java.net.URI.create(vaultUrl);
    int port = uri.getPort() == -1 ? 443 : uri.getPort();
    return uri.getScheme() + "://" + uri.getHost() + ":" + port + "/";
  }

  @Override
  public ExternalVault connect(Endpoint endpoint, String vaultUrl, OAuthClient client) {
    return new Connected(
        () ->
            clients.client(
                vaultUrl,
                endpoint.caBundlePem(),
                new io.ekms.kms.ekmclient.OAuthClient(
                    client.identityUrl(),
                    client.clientId(),
                    client.clientSecret().get(),
                    audience(vaultUrl),
                    identityCas)));
  }

  /** How many HTTP clients to EKMs and identity servers are open now. */
  int openHttpClients() {
    return clients.openHttpClients();
  }

  @Override
  public void close() {
    clients.close();
  }

  /** The connection; the client (and so the secret) is made on first use, then kept. */
  private static final class Connected implements ExternalVault {
    private final Supplier<EkmClient> factory;
    private volatile EkmClient client;

    Connected(Supplier<EkmClient> factory) {
      this.factory = factory;
    }

    private EkmClient client() {
      EkmClient c = client;
      if (c == null) {
        synchronized (this) {
          if (client == null) {
            client = factory.get();
          }
          c = client;
        }
      }
      return c;
    }

    @Override
    public VaultInfo vault(String requestId) {
      return call(
          () -> {
            var m = client().vaultMetadata(requestId);
            return new VaultInfo(m.state().name(), m.vendor());
          });
    }

    @Override
    public KeyInfo key(String requestId, String keyId) {
      return call(
          () -> {
            var m = client().keyMetadata(requestId, keyId);
            return new KeyInfo(
                m.keyId(),
                m.currentKeyVersionId(),
                m.algorithm(),
                m.lengthBits(),
                m.state().name(),
                m.keyOps().stream().map(Enum::name).collect(Collectors.toSet()));
          });
    }

    @Override
    public VersionInfo keyVersion(String requestId, String keyId, String versionId) {
      return call(
          () -> {
            var m = client().keyVersionMetadata(requestId, keyId, versionId);
            return new VersionInfo(m.keyId(), m.keyVersionId(), m.state().name());
          });
    }

    @Override
    public Sealed encrypt(
        String requestId, String keyId, String versionId, byte[] plaintext, byte[] aad) {
      return call(
          () -> {
            var r = client().encrypt(requestId, keyId, versionId, plaintext, aad);
            return new Sealed(r.ciphertext(), r.iv(), r.tag(), r.keyVersionId());
          });
    }

    @Override
    public SecretBytes decrypt(
        String requestId, String keyId, String versionId, Sealed sealed, byte[] aad) {
      return call(
          () ->
              client()
                  .decrypt(
                      requestId,
                      keyId,
                      versionId,
                      sealed.ciphertext(),
                      sealed.iv(),
                      sealed.tag(),
                      aad)
                  .plaintext());
    }

    private static <T> T call(Supplier<T> work) {
      try {
        return work.get();
      } catch (EkmException e) {
        // The caller hears the category; the full sentence (JDK text included) is the cause,
        // which the KMS logs with the request id.
        throw new ExternalKeyManagerException(kind(e), e.publicMessage(), e);
      }
    }

    private static Kind kind(EkmException e) {
      return switch (e) {
        case EkmRefused.Unusable u -> Kind.INCORRECT_STATE;
        case EkmRefused.DecryptionFailed d -> Kind.DECRYPTION_FAILED;
        case EkmRefused.NotFound n -> Kind.NOT_FOUND;
        case EkmRefused r -> Kind.UNAVAILABLE;
        case IdentityFailure f -> Kind.UNAVAILABLE;
        default -> Kind.UNAVAILABLE;
      };
    }
  }
}
