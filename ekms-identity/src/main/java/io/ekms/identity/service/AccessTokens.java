package io.ekms.identity.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.ekms.core.crypto.Randoms;
import io.ekms.identity.domain.Client;
import io.ekms.identity.domain.Grant;
import io.ekms.identity.keys.ActiveKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/**
 * Mints access tokens: RS256 JWS, header {@code {"alg":"RS256","kid":...,"typ":"JWT"}}, claims
 * {@code iss}, {@code sub} and {@code client_id} (the client), {@code aud} (the granted audience, a
 * single string), {@code scope} (space-separated scope names), {@code iat}, {@code exp} and a
 * random {@code jti}; for a service account (a client with an e-mail) also {@code email} and {@code
 * email_verified: true}, as Google's ID tokens carry. {@code typ} is plain {@code JWT}, which every
 * JWT library accepts by default.
 */
final class AccessTokens {
  /** A signed token and the facts about it that may be audited (never the token itself). */
  record Issued(String token, String jti, Instant expiresAt) {
    @Override
    public String toString() {
      return "Issued[" + jti + ", REDACTED]";
    }
  }

  private AccessTokens() {}

  static Issued sign(
      ActiveKey key, String issuer, Client client, Grant grant, Instant now, long lifetime) {
    String clientId = client.id();
    Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
    Instant expiresAt = issuedAt.plusSeconds(lifetime);
    String jti = Randoms.hex(16);
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .subject(clientId)
            .claim("client_id", clientId)
            .audience(grant.audience())
            .claim("scope", grant.scopeClaim())
            .issueTime(Date.from(issuedAt))
            .expirationTime(Date.from(expiresAt))
            .jwtID(jti);
    if (client.email() != null) {
      claims.claim("email", client.email()).claim("email_verified", true);
    }
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.kid()).type(JOSEObjectType.JWT).build();
    SignedJWT jwt = new SignedJWT(header, claims.build());
    try {
      jwt.sign(key.signer());
    } catch (JOSEException e) {
      throw new IllegalStateException("signing an access token failed", e);
    }
    return new Issued(jwt.serialize(), jti, expiresAt);
  }
}
