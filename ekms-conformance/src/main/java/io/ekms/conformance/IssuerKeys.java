package io.ekms.conformance;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.Map;
import java.util.Optional;

/**
 * The issuer's published keys, for the algorithm-confusion forgery: from the JWKS URL given, else
 * from the OIDC discovery document of the valid token's {@code iss}. Empty (the check is skipped,
 * saying so) when neither answers.
 */
public final class IssuerKeys implements TokenChecks.PublicKeys {
  private final Wire wire;
  private final Optional<String> jwksUrl;
  private final TokenSource token;

  public IssuerKeys(Wire wire, Optional<String> jwksUrl, TokenSource token) {
    this.wire = wire;
    this.jwksUrl = jwksUrl;
    this.token = token;
  }

  @Override
  public Optional<JWK> first() throws Exception {
    String url = jwksUrl.orElse(null);
    if (url == null) {
      String issuer = SignedJWT.parse(token.token()).getJWTClaimsSet().getIssuer();
      if (issuer == null || !issuer.startsWith("https://")) {
        return Optional.empty();
      }
      Answer discovery =
          wire.send("GET", issuer + "/.well-known/openid-configuration", Map.of(), null);
      url = discovery.status() == 200 ? discovery.field("jwks_uri") : "";
      if (url.isEmpty()) {
        return Optional.empty();
      }
    }
    Answer jwks = wire.send("GET", url, Map.of(), null);
    if (jwks.status() != 200) {
      return Optional.empty();
    }
    return JWKSet.parse(jwks.text()).getKeys().stream().findFirst();
  }
}
