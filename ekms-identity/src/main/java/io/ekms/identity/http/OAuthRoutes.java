package io.ekms.identity.http;

import io.ekms.core.http.Exchange;
import io.ekms.core.http.Reply;
import io.ekms.core.http.RequestId;
import io.ekms.core.http.RequestMetrics;
import io.ekms.identity.keys.SigningKeys;
import io.ekms.identity.service.OAuthError;
import io.ekms.identity.service.TokenRequest.AuthMethod;
import io.ekms.identity.service.TokenService;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRouting;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The public OAuth endpoints: {@code POST /oauth2/v1/token} (client credentials), {@code GET
 * /oauth2/v1/keys} (JWKS, public keys only) and {@code GET /.well-known/openid-configuration}.
 */
public final class OAuthRoutes {
  public static final String TOKEN_PATH = "/oauth2/v1/token";
  public static final String JWKS_PATH = "/oauth2/v1/keys";
  public static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

  private final TokenService tokens;
  private final SigningKeys keys;
  private final Supplier<String> issuer;
  private final Exchange<Void> exchange;

  /** {@code issuer} is the issuer URL; it may answer null until the server knows its port. */
  public OAuthRoutes(
      TokenService tokens, SigningKeys keys, Supplier<String> issuer, RequestMetrics metrics) {
    this.tokens = tokens;
    this.keys = keys;
    this.issuer = issuer;
    // RFC 6749 section 5.1: token answers must not be cached (Responses adds Cache-Control).
    // The token endpoint authenticates its client itself (TokenService), and audits every outcome.
    this.exchange =
        Exchange.<Void>builder(request -> null, ErrorMapper.OAUTH)
            .metrics(metrics)
            .maxBody(TokenRequests.MAX_BODY)
            .headers(List.of(HeaderValues.create(HeaderNames.create("Pragma"), "no-cache")))
            .build();
  }

  public void routing(HttpRouting.Builder r) {
    r.post(
        TOKEN_PATH,
        exchange.route(
            "IssueToken",
            (req, none) ->
                new Reply(
                    200,
                    tokens.issue(req.requestId(), req.source(), () -> TokenRequests.parse(req)))));
    r.any(
        TOKEN_PATH,
        (req, res) -> {
          RequestId.bind(req, res);
          res.header(HeaderNames.ALLOW, "POST");
          ErrorMapper.writeOAuth(
              res, OAuthError.METHOD_NOT_ALLOWED.error("The token endpoint takes POST only."));
        });
    r.get(
        JWKS_PATH,
        exchange.route("GetJwks", (req, none) -> new Reply(200, keys.published().toJSONObject())));
    r.get(
        DISCOVERY_PATH, exchange.route("GetDiscovery", (req, none) -> new Reply(200, discovery())));
  }

  private Map<String, Object> discovery() {
    String iss = issuer.get();
    if (iss == null) {
      throw OAuthError.TEMPORARILY_UNAVAILABLE.error("The server is starting; retry shortly.");
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("issuer", iss);
    doc.put("token_endpoint", iss + TOKEN_PATH);
    doc.put("jwks_uri", iss + JWKS_PATH);
    doc.put("grant_types_supported", List.of("client_credentials"));
    doc.put(
        "token_endpoint_auth_methods_supported",
        Arrays.stream(AuthMethod.values()).map(AuthMethod::wireName).toList());
    doc.put("response_types_supported", List.of("token"));
    doc.put("subject_types_supported", List.of("public"));
    doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
    return doc;
  }
}
