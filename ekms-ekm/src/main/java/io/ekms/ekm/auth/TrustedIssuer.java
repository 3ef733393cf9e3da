package io.ekms.ekm.auth;

import io.ekms.common.tls.Pem;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * An OAuth issuer whose access tokens the EKM accepts, configured in one of two ways:
 *
 * <ul>
 *   <li>by {@code discoveryUrl} (OIDC discovery): {@code jwks_uri} and {@code issuer} are read from
 *       that document. {@code issuer} may then be omitted, in which case it is the discovery URL
 *       without {@value #DISCOVERY_SUFFIX}; either way the discovered {@code issuer} must equal
 *       {@link #expectedIssuer()} exactly (OIDC Discovery 1.0, section 4.3), so a discovery
 *       document cannot claim someone else's tokens. Issuers whose {@code iss} differs from the
 *       discovery host (as OCI identity domains do) must set {@code issuer}.
 *   <li>by {@code issuer} and {@code jwksUri}, with no network look-up beyond the JWKS.
 * </ul>
 *
 * <p>URLs must be {@code https}, or {@code http} to a loopback host. {@code caBundlePem}, when set,
 * holds the CA certificates trusted for those HTTPS fetches <em>instead of</em> the JVM's default
 * trust store (pinning, as for private endpoints); {@code null} means the JVM default trust.
 *
 * @param id stable name of this configuration (1 to 64 of {@code [A-Za-z0-9._-]}), unique per EKM
 * @param issuer the exact {@code iss} value, or {@code null} with a discovery URL
 * @param jwksUri the JWKS URL, or {@code null} with a discovery URL
 * @param discoveryUrl the OIDC discovery document URL, or {@code null} with {@code jwksUri}
 * @param caBundlePem PEM certificates to trust for fetches, or {@code null}
 */
public record TrustedIssuer(
    String id, String issuer, String jwksUri, String discoveryUrl, String caBundlePem) {
  public static final String DISCOVERY_SUFFIX = "/.well-known/openid-configuration";
  static final int MAX_ISSUER_LENGTH = 2048;
  static final int MAX_CA_BUNDLE_CHARS = 64 * 1024;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public TrustedIssuer {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("trusted issuer id must be 1 to 64 of [A-Za-z0-9._-]");
    }
    String name = "trusted issuer '" + id + "': ";
    if ((jwksUri == null) == (discoveryUrl == null)) {
      throw new IllegalArgumentException(name + "set exactly one of jwksUri and discoveryUrl");
    }
    if (jwksUri != null) {
      FetchUrls.check(name + "jwksUri", jwksUri);
      checkIssuer(name, issuer);
    } else {
      FetchUrls.check(name + "discoveryUrl", discoveryUrl);
      if (issuer != null) {
        checkIssuer(name, issuer);
      } else if (!discoveryUrl.endsWith(DISCOVERY_SUFFIX)) {
        throw new IllegalArgumentException(
            name + "set issuer, or use a discoveryUrl ending in " + DISCOVERY_SUFFIX);
      }
    }
    if (caBundlePem != null) {
      if (caBundlePem.length() > MAX_CA_BUNDLE_CHARS) {
        throw new IllegalArgumentException(name + "caBundlePem is longer than 64 KiB");
      }
      Pem.certificates(caBundlePem);
    }
  }

  /** Configured by {@code issuer} and {@code jwksUri}. */
  public static TrustedIssuer ofJwksUri(String id, String issuer, String jwksUri, String caPem) {
    return new TrustedIssuer(id, issuer, jwksUri, null, caPem);
  }

  /** Configured by an OIDC discovery URL; the issuer is derived from it and checked. */
  public static TrustedIssuer ofDiscovery(String id, String discoveryUrl, String caPem) {
    return new TrustedIssuer(id, null, null, discoveryUrl, caPem);
  }

  /** The {@code iss} value tokens of this issuer must carry. */
  public String expectedIssuer() {
    if (issuer != null) {
      return issuer;
    }
    return discoveryUrl.substring(0, discoveryUrl.length() - DISCOVERY_SUFFIX.length());
  }

  /** A look-up for {@link TokenValidator} that matches {@code iss} by {@link #expectedIssuer()}. */
  public static Function<String, Optional<TrustedIssuer>> lookup(Collection<TrustedIssuer> all) {
    List<TrustedIssuer> issuers = List.copyOf(all);
    return iss -> issuers.stream().filter(t -> t.expectedIssuer().equals(iss)).findFirst();
  }

  private static void checkIssuer(String name, String issuer) {
    if (issuer == null || issuer.isEmpty() || issuer.length() > MAX_ISSUER_LENGTH) {
      throw new IllegalArgumentException(name + "issuer must be 1 to 2048 chars");
    }
    if (!issuer.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException(name + "issuer must be printable ASCII without spaces");
    }
  }

  @Override
  public String toString() {
    String source = jwksUri != null ? "jwksUri=" + jwksUri : "discoveryUrl=" + discoveryUrl;
    return "TrustedIssuer[" + id + ", " + source + (caBundlePem != null ? ", caBundle]" : "]");
  }
}
