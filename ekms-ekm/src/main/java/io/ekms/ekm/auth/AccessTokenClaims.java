package io.ekms.ekm.auth;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import io.ekms.ekm.auth.TokenRejectedException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The claim checks of one issuer's access tokens, run by Nimbus after the signature verified: exact
 * {@code iss}, {@code aud} containing the EKM's audience, {@code exp} required and not past, {@code
 * nbf}/{@code iat} not in the future (each within the skew), the {@code oci_ekms} scope, and a
 * client ({@link ClientClaim}). Written out rather than using {@code DefaultJWTClaimsVerifier} so
 * every failure has its own {@link Reason} and the injected {@link Clock} is used. Immutable and
 * thread-safe.
 */
final class AccessTokenClaims implements JWTClaimsSetVerifier<SecurityContext> {
  static final String SCOPE = "oci_ekms";

  private final String issuer;
  private final String audience;
  private final String audienceScope;
  private final Duration skew;
  private final Clock clock;

  AccessTokenClaims(String issuer, String audience, Duration skew, Clock clock) {
    this.issuer = issuer;
    this.audience = audience;
    this.audienceScope = audience + SCOPE;
    this.skew = skew;
    this.clock = clock;
  }

  @Override
  public void verify(JWTClaimsSet claims, SecurityContext context) throws ClaimRejection {
    if (!issuer.equals(claims.getIssuer())) {
      throw new ClaimRejection(Reason.UNKNOWN_ISSUER, "The access token's issuer is not trusted.");
    }
    List<String> aud = claims.getAudience();
    if (!aud.contains(audience)) {
      throw new ClaimRejection(
          Reason.WRONG_AUDIENCE, "The access token is not meant for this EKM.");
    }
    checkTimes(claims.getExpirationTime(), claims.getNotBeforeTime(), claims.getIssueTime());
    Set<String> scopes = scopes(claims);
    if (!scopes.contains(SCOPE) && !scopes.contains(audienceScope)) {
      throw new ClaimRejection(Reason.MISSING_SCOPE, "The access token lacks the oci_ekms scope.");
    }
    ClientClaim.of(claims);
  }

  /** The verified token; call only with claims that passed {@link #verify}. */
  static VerifiedToken verified(JWTClaimsSet claims) throws ClaimRejection {
    return new VerifiedToken(
        claims.getIssuer(),
        ClientClaim.of(claims),
        claims.getSubject(),
        scopes(claims),
        claims.getExpirationTime().toInstant(),
        claims.getJWTID());
  }

  private void checkTimes(Date exp, Date nbf, Date iat) throws ClaimRejection {
    if (exp == null) {
      throw new ClaimRejection(Reason.MALFORMED, "The access token has no expiry time.");
    }
    Instant now = clock.instant();
    if (!now.isBefore(exp.toInstant().plus(skew))) {
      throw new ClaimRejection(Reason.EXPIRED, "The access token has expired.");
    }
    Instant latest = now.plus(skew);
    if ((nbf != null && nbf.toInstant().isAfter(latest))
        || (iat != null && iat.toInstant().isAfter(latest))) {
      throw new ClaimRejection(Reason.NOT_YET_VALID, "The access token is not valid yet.");
    }
  }

  /** {@code scope} as a space-separated string (RFC 8693) or a list, plus any {@code scp}. */
  private static Set<String> scopes(JWTClaimsSet claims) throws ClaimRejection {
    Set<String> out = new HashSet<>();
    addScopes(out, claims.getClaim("scope"));
    addScopes(out, claims.getClaim("scp"));
    return out;
  }

  private static void addScopes(Set<String> out, Object value) throws ClaimRejection {
    if (value == null) {
      return;
    }
    if (value instanceof String s) {
      for (String scope : s.split(" ")) {
        if (!scope.isEmpty()) {
          out.add(scope);
        }
      }
      return;
    }
    if (value instanceof Collection<?> list && list.stream().allMatch(String.class::isInstance)) {
      list.forEach(scope -> out.add((String) scope));
      return;
    }
    throw new ClaimRejection(Reason.MALFORMED, "The access token's scope claim is not valid.");
  }
}
