package io.ekms.kms.ekmclient;

import io.ekms.common.secret.SecretBytes;
import io.ekms.common.tls.Pem;
import io.ekms.kms.domain.ClientCertificate;
import io.ekms.kms.domain.EkmAddress;
import io.ekms.kms.domain.PrivateEndpoint;
import io.ekms.kms.domain.Vault;
import io.ekms.kms.egress.EgressPolicy;
import io.ekms.kms.external.ExternalVaults;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The {@link ExternalVaults} port over the real EKM API client: makes one {@link EkmClient} per
 * vault and owns what they share: one HTTPS connection pool per EKM node and CA bundle (every vault
 * behind that private endpoint uses it), one access-token cache for all OAuth clients, and the
 * record of EKM nodes seen failing ({@link Outages}), so a node that failed one vault's call is
 * skipped by every vault's calls for a while. Vaults' clients, pools and tokens are all bounded
 * (beyond the bound some clients and idle tokens are dropped, the least recently used pools are
 * shut down, and pools that could not connect are shut down at once). Every request, to an EKM or
 * to an identity server, is first checked against the egress policy. The KMS keeps one instance for
 * its lifetime; {@link #close()} stops every connection, after which its clients fail.
 */
public final class EkmClients implements ExternalVaults, AutoCloseable {
  /** At most this many vaults' clients are kept by default. */
  static final int DEFAULT_MAX_VAULTS = 4096;

  private final Transports transports;
  private final Outages outages;
  private final AccessTokens tokens;
  private final List<X509Certificate> identityCas;
  private final int maxVaults;
  private final ConcurrentHashMap<String, Kept> byVault = new ConcurrentHashMap<>();

  /** A vault's client and the endpoint's client certificate it was made with ("" for none). */
  private record Kept(EkmClient client, String endpointIdentity) {}

  /**
   * {@code egress}: where the clients may connect, checked before every request; {@code
   * identityCas}: the CAs trusted for identity servers' token endpoints.
   */
  public EkmClients(
      EkmClientConfig config, EgressPolicy egress, List<X509Certificate> identityCas) {
    this(config, egress, identityCas, Clock.systemUTC());
  }

  /** As above, with access tokens aged on {@code tokenClock} (a test stack moves it). */
  public EkmClients(
      EkmClientConfig config,
      EgressPolicy egress,
      List<X509Certificate> identityCas,
      Clock tokenClock) {
    this(config, egress, identityCas, Transports.DEFAULT_MAX, DEFAULT_MAX_VAULTS, tokenClock);
  }

  EkmClients(
      EkmClientConfig config,
      EgressPolicy egress,
      List<X509Certificate> identityCas,
      int maxTransports,
      int maxVaults) {
    this(config, egress, identityCas, maxTransports, maxVaults, Clock.systemUTC());
  }

  /** As above, with access tokens aged on {@code clock} (tests move it instead of sleeping). */
  EkmClients(
      EkmClientConfig config,
      EgressPolicy egress,
      List<X509Certificate> identityCas,
      int maxTransports,
      int maxVaults,
      Clock clock) {
    this(
        config,
        egress,
        identityCas,
        maxTransports,
        maxVaults,
        clock,
        new Outages(System::nanoTime, Outages.DEFAULT_HOLD_OFF));
  }

  /** As above, with failing EKM nodes kept out by {@code outages} (tests give it their ticker). */
  EkmClients(
      EkmClientConfig config,
      EgressPolicy egress,
      List<X509Certificate> identityCas,
      int maxTransports,
      int maxVaults,
      Clock clock,
      Outages outages) {
    this.outages = outages;
    this.transports = new Transports(config, egress, maxTransports);
    this.tokens =
        new AccessTokens(
            new TokenFetcher(transports, new IdentityDiscovery(transports, clock))::fetch,
            clock,
            config.tokenRefreshMargin());
    this.identityCas = List.copyOf(identityCas);
    this.maxVaults = maxVaults;
  }

  /**
   * The kept client of {@code vault} if it was made with the endpoint's client certificate {@code
   * endpointIdentity} (read for this call), else a new one made with the endpoint as it is now.
   */
  @Override
  public EkmClient forVault(
      Vault vault,
      String endpointIdentity,
      Supplier<PrivateEndpoint> endpoint,
      ClientSecrets secrets) {
    Kept kept = byVault.get(vault.id());
    if (kept != null && kept.endpointIdentity().equals(endpointIdentity)) {
      return kept.client();
    }
    Iterator<String> others = byVault.keySet().iterator();
    while (kept == null && byVault.size() >= maxVaults && others.hasNext()) {
      byVault.remove(others.next());
    }
    return byVault
        .compute(
            vault.id(),
            (id, current) -> {
              if (current != null && current.endpointIdentity().equals(endpointIdentity)) {
                return current;
              }
              PrivateEndpoint now = endpoint.get();
              return new Kept(
                  open(vault, now, secrets), ClientCertificate.identity(now.clientCertificate()));
            })
        .client();
  }

  /**
   * A client for {@code vault}: its URL through {@code endpoint}'s CA bundle, presenting the
   * endpoint's client certificate if it has one (its key opened now), with tokens for its OAuth
   * client (whose secret is opened now and kept while the client is).
   *
   * @throws IllegalArgumentException when the vault's URLs or the endpoint's bundle are unusable
   */
  @Override
  public EkmClient open(Vault vault, PrivateEndpoint endpoint, ClientSecrets secrets) {
    String url = vault.externalVaultEndpointUrl();
    SecretBytes secret = secrets.open(vault.id(), vault.sealedSecret());
    try {
      OAuthClient oauth =
          new OAuthClient(
              vault.idcsAccountNameUrl(), vault.clientAppId(), secret, audience(url), identityCas);
      return client(
          url,
          endpoint.caBundle(),
          oauth,
          endpoint.addresses(),
          ClientIdentity.of(endpoint, secrets));
    } catch (RuntimeException e) {
      secret.close();
      throw e;
    }
  }

  /** Drops the vault's client; the next {@link #forVault} makes a new one. */
  public void forget(String vaultId) {
    byVault.remove(vaultId);
  }

  /** How many vaults' clients are kept. */
  int vaultClients() {
    return byVault.size();
  }

  /**
   * The audience tokens are requested for (scope {@code <audience>oci_ekms}, or {@code oci_ekms}
   * where the identity server lists only that): the EKM's own origin, {@code https://host:port/},
   * which is what an ekms EKM expects by default.
   */
  static String audience(String vaultUrl) {
    URI uri = URI.create(vaultUrl);
    int port = uri.getPort() == -1 ? 443 : uri.getPort();
    return uri.getScheme() + "://" + uri.getHost() + ":" + port + "/";
  }

  /** A client for one external vault on the one node its URL names; see below. */
  EkmClient client(String externalVaultEndpointUrl, String caBundlePem, OAuthClient oauth) {
    return client(externalVaultEndpointUrl, caBundlePem, oauth, List.of(), null);
  }

  /** A client for one external vault, with no client certificate; see below. */
  EkmClient client(
      String externalVaultEndpointUrl,
      String caBundlePem,
      OAuthClient oauth,
      List<EkmAddress> nodes) {
    return client(externalVaultEndpointUrl, caBundlePem, oauth, nodes, null);
  }

  /**
   * A client for one external vault.
   *
   * @param externalVaultEndpointUrl the vault's base URL in the EKM, {@code https://host:port/...}
   *     (for ekms, {@code .../oci/ekm/v1/vaults/{vaultId}})
   * @param caBundlePem the private endpoint's CA bundle: the only certificates trusted for the EKM
   *     (each node's certificate must also name the host it is reached at)
   * @param oauth how to obtain the access tokens the EKM expects
   * @param nodes the EKM's nodes in the order they are tried, each serving the URL's path; empty
   *     for the one node the URL names
   * @param identity the client certificate presented to EKMs that ask for one; null for none
   * @throws IllegalArgumentException when the URL is not such an https URL or the bundle holds no
   *     valid certificate
   */
  EkmClient client(
      String externalVaultEndpointUrl,
      String caBundlePem,
      OAuthClient oauth,
      List<EkmAddress> nodes,
      ClientIdentity identity) {
    URI url = vaultUrl(externalVaultEndpointUrl);
    if (caBundlePem == null) {
      throw new IllegalArgumentException("caBundlePem is required");
    }
    List<X509Certificate> trust = Pem.certificates(caBundlePem);
    if (oauth == null) {
      throw new IllegalArgumentException("oauth is required");
    }
    List<URI> urls =
        nodes.isEmpty()
            ? List.of(url)
            : nodes.stream().map(n -> URI.create("https://" + n + url.getRawPath())).toList();
    List<EkmExchange.Node> routes =
        urls.stream()
            .map(
                u ->
                    new EkmExchange.Node(
                        u, transports.route(Transports.Peer.EKM, u, trust, identity)))
            .toList();
    EkmExchange exchange = new EkmExchange(url, routes, transports, outages, tokens, oauth);
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
   * How many HTTP clients (each with its connection pool) are open now; at most the bound, plus
   * those retired whose last request is still running.
   */
  public int openHttpClients() {
    return transports.live();
  }

  @Override
  public void close() {
    transports.close();
  }
}
