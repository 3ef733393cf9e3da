package io.ekms.kms.ekmclient;

import io.ekms.common.secret.SecretBytes;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

/**
 * The OAuth client an external vault uses to obtain EKM access tokens with the client-credentials
 * grant.
 *
 * <p>Tokens come from the token endpoint that the server's OIDC discovery document names ({@code
 * {idcsAccountNameUrl}/.well-known/openid-configuration}), or {@code
 * {idcsAccountNameUrl}/oauth2/v1/token} where it has none (see {@link IdentityDiscovery}), over
 * HTTPS trusting only {@code identityCaBundle}, with the client authenticated by HTTP Basic ({@code
 * client_secret_basic}) and the scope {@link DiscoveryDocument#scopeFor} chooses. The secret stays
 * owned by the caller: it is read at each token request, so keep it open while clients built from
 * this value are in use. {@link #toString()} names the URL and client id only.
 */
record OAuthClient(
    String idcsAccountNameUrl,
    String clientAppId,
    SecretBytes clientAppSecret,
    String audience,
    List<X509Certificate> identityCaBundle) {
  static final String TOKEN_PATH = "/oauth2/v1/token";
  private static final int MAX_TEXT = 1024;

  /**
   * Validates every field.
   *
   * @throws IllegalArgumentException naming the field that is wrong
   */
  public OAuthClient {
    idcsAccountNameUrl = baseUrl(idcsAccountNameUrl);
    clientAppId = text("clientAppId", clientAppId);
    if (clientAppSecret == null || clientAppSecret.length() == 0) {
      throw new IllegalArgumentException("clientAppSecret is required");
    }
    audience = text("audience", audience);
    if (identityCaBundle == null || identityCaBundle.isEmpty()) {
      throw new IllegalArgumentException("identityCaBundle must hold at least one certificate");
    }
    identityCaBundle = List.copyOf(identityCaBundle);
  }

  /** The OIDC discovery document, {@code {idcsAccountNameUrl}/.well-known/openid-configuration}. */
  public URI discoveryUrl() {
    return URI.create(idcsAccountNameUrl + IdentityDiscovery.PATH);
  }

  /**
   * The token endpoint of a server without discovery, {@code {idcsAccountNameUrl}/oauth2/v1/token},
   * as OCI identity domains lay it out.
   */
  public URI fallbackTokenEndpoint() {
    return URI.create(idcsAccountNameUrl + TOKEN_PATH);
  }

  private static String baseUrl(String url) {
    String value = text("idcsAccountNameUrl", url);
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("idcsAccountNameUrl is not a valid URL");
    }
    if (!"https".equals(String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT))
        || uri.getHost() == null
        || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "idcsAccountNameUrl must be an https URL with a host and no user info, query or fragment");
    }
    return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }

  private static String text(String field, String value) {
    if (value == null || value.isBlank() || value.length() > MAX_TEXT) {
      throw new IllegalArgumentException(field + " must be 1 to " + MAX_TEXT + " characters");
    }
    return value;
  }

  @Override
  public String toString() {
    return "OAuthClient[" + idcsAccountNameUrl + ", clientAppId=" + clientAppId + "]";
  }
}
