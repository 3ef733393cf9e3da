package io.ekms.kms.ekmclient;

import io.ekms.core.tls.Pem;
import io.ekms.kms.egress.EgressPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Makes {@link EkmClient}s and owns what they share: one HTTPS connection pool per private endpoint
 * and CA bundle (every vault behind that endpoint uses it), and one access-token cache for all
 * OAuth clients. Both are bounded (the least recently used pools and idle tokens beyond the bound
 * are dropped, and pools that could not connect are shut down at once). Every request, to an EKM or
 * to an identity server, is first checked against the egress policy. The KMS keeps one instance for
 * its lifetime; {@link #close()} stops every connection, after which its clients fail.
 */
public final class EkmClients implements AutoCloseable {
  private final Transports transports;
  private final AccessTokens tokens;

  /** {@code egress}: where the clients may connect, checked before every request. */
  public EkmClients(EkmClientConfig config, EgressPolicy egress) {
    this(config, egress, Transports.DEFAULT_MAX);
  }

  EkmClients(EkmClientConfig config, EgressPolicy egress, int maxTransports) {
    this(config, egress, maxTransports, Clock.systemUTC());
  }

  /** As above, with access tokens aged on {@code clock} (tests move it instead of sleeping). */
  EkmClients(EkmClientConfig config, EgressPolicy egress, int maxTransports, Clock clock) {
    this.transports = new Transports(config, egress, maxTransports);
    this.tokens =
        new AccessTokens(new TokenFetcher(transports)::fetch, clock, config.tokenRefreshMargin());
  }

  /**
   * A client for one external vault.
   *
   * @param externalVaultEndpointUrl the vault's base URL in the EKM, {@code https://host:port/...}
   *     (for ekms, {@code .../oci/ekm/v1/vaults/{vaultId}})
   * @param caBundlePem the private endpoint's CA bundle: the only certificates trusted for the EKM
   *     (its certificate must also name the URL's host)
   * @param oauth how to obtain the access tokens the EKM expects
   * @throws IllegalArgumentException when the URL is not such an https URL or the bundle holds no
   *     valid certificate
   */
  public EkmClient client(String externalVaultEndpointUrl, String caBundlePem, OAuthClient oauth) {
    URI url = vaultUrl(externalVaultEndpointUrl);
    if (caBundlePem == null) {
      throw new IllegalArgumentException("caBundlePem is required");
    }
    List<X509Certificate> trust = Pem.certificates(caBundlePem);
    if (oauth == null) {
      throw new IllegalArgumentException("oauth is required");
    }
    EkmExchange exchange =
        new EkmExchange(
            url, transports, transports.route(Transports.Peer.EKM, url, trust), tokens, oauth);
    return new EkmClient(exchange, vaultId(url));
  }

  private static URI vaultUrl(String value) {
    if (value == null || value.length() > 2048) {
      throw new IllegalArgumentException("externalVaultEndpointUrl must be 1 to 2048 characters");
    }
    URI uri;
    try {
      uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("externalVaultEndpointUrl is not a valid URL");
    }
    if (!"https".equals(String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT))
        || uri.getHost() == null
        || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || uri.getRawPath() == null
        || uri.getRawPath().isEmpty()) {
      throw new IllegalArgumentException(
          "externalVaultEndpointUrl must be an https URL with a host and a path, and no user"
              + " info, query or fragment");
    }
    return uri;
  }

  /** The last path segment, which names the vault in messages when it is id-shaped. */
  private static String vaultId(URI url) {
    String path = url.getRawPath();
    String last = path.substring(path.lastIndexOf('/') + 1);
    try {
      return Ids.id("vault", last);
    } catch (IllegalArgumentException e) {
      return path;
    }
  }

  /**
   * How many HTTP clients (each with a selector thread) are open now; at most the bound, plus those
   * retired whose last request is still running.
   */
  public int openHttpClients() {
    return transports.live();
  }

  @Override
  public void close() {
    transports.close();
  }
}
