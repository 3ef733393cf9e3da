package io.ekms.kms.ekmclient;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What the KMS takes from an identity server's OIDC discovery document ({@code
 * <idcsAccountNameUrl>/.well-known/openid-configuration}, OpenID Connect Discovery 1.0 section 3,
 * RFC 8414): the token endpoint, and which of the EKM scopes the server lists in {@code
 * scopes_supported}. Everything else in the document is ignored.
 *
 * <p>The document must be a JSON object with a string {@code issuer} and a {@code token_endpoint}
 * that is an {@code https} URL with a host and no user info, query or fragment ({@code http} is
 * refused everywhere, loopback included: the KMS sends client secrets over HTTPS only, trusting its
 * identity CA bundle). {@code scopes_supported}, when present, must be an array of strings. Whether
 * the endpoint's host may be reached is the egress policy's decision, asked again before the token
 * request as before every request. The issuer is not compared with the URL: the KMS does not check
 * tokens (the EKM does), and OCI identity domains publish an issuer unlike their URL.
 *
 * @param tokenEndpoint where client-credentials requests go
 * @param ekmScopes the listed scopes that end in {@value #SCOPE} (the only ones the KMS asks for)
 */
record DiscoveryDocument(URI tokenEndpoint, Set<String> ekmScopes) {
  /** The EKM scope, requested bare or after the EKM's audience. */
  static final String SCOPE = "oci_ekms";

  private static final int MAX_URL = 2048;

  DiscoveryDocument {
    ekmScopes = Set.copyOf(ekmScopes);
  }

  /** What is used when the server has no discovery document: the OCI identity domain layout. */
  static DiscoveryDocument absent(OAuthClient client) {
    return new DiscoveryDocument(client.fallbackTokenEndpoint(), Set.of());
  }

  /**
   * Reads a discovery document.
   *
   * @throws AnswerJson.Malformed naming the field that is wrong (never quoting a value)
   */
  static DiscoveryDocument parse(byte[] body) throws AnswerJson.Malformed {
    JsonNode n = AnswerJson.tree(body);
    AnswerJson.text(n, "issuer");
    URI endpoint = endpoint(AnswerJson.text(n, "token_endpoint"));
    JsonNode scopes = n.get("scopes_supported");
    if (scopes == null || scopes.isNull()) {
      return new DiscoveryDocument(endpoint, Set.of());
    }
    if (!scopes.isArray()) {
      throw new AnswerJson.Malformed("field 'scopes_supported' must be an array of strings");
    }
    Set<String> ekm = new HashSet<>();
    for (JsonNode scope : scopes) {
      if (!scope.isTextual()) {
        throw new AnswerJson.Malformed("field 'scopes_supported' must be an array of strings");
      }
      if (scope.asText().endsWith(SCOPE) && scope.asText().length() <= MAX_URL) {
        ekm.add(scope.asText());
      }
    }
    return new DiscoveryDocument(endpoint, ekm);
  }

  /**
   * The scope to request for tokens meant for {@code audience}, in this order: {@code
   * <audience>oci_ekms} when the server lists it (OCI identity domains' form, which names the EKM),
   * else {@code oci_ekms} when listed (a realm-wide scope, as in Keycloak), else {@code
   * <audience>oci_ekms}: what OCI identity domains expect, which they do not list.
   */
  String scopeFor(String audience) {
    String named = audience + SCOPE;
    if (!ekmScopes.contains(named) && ekmScopes.contains(SCOPE)) {
      return SCOPE;
    }
    return named;
  }

  private static URI endpoint(String value) throws AnswerJson.Malformed {
    String rule =
        "field 'token_endpoint' must be an https URL with a host and no user info, query or"
            + " fragment";
    if (value.isEmpty() || value.length() > MAX_URL) {
      throw new AnswerJson.Malformed(rule);
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new AnswerJson.Malformed(rule);
    }
    if (!"https".equals(String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT))
        || uri.getHost() == null
        || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new AnswerJson.Malformed(rule);
    }
    return uri;
  }
}
