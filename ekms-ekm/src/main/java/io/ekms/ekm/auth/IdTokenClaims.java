package io.ekms.ekm.auth;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import io.ekms.ekm.auth.TokenRejectedException.Reason;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The claim checks of a Google-style OIDC ID token, run by Nimbus after the signature verified:
 * exact {@code iss}, {@code aud} naming one of the key store's audiences, {@code exp} and {@code
 * iat} required ({@code exp} not past, {@code iat} and any {@code nbf} not in the future, each
 * within the skew), an {@code email} and {@code email_verified} true. Whether that e-mail may call
 * is the key store's decision, not a token check. Immutable and thread-safe.
 */
final class IdTokenClaims implements JWTClaimsSetVerifier<SecurityContext> {
  private static final System.Logger LOG = System.getLogger(IdTokenClaims.class.getName());
  private final String issuer;
  private final List<String> audiences;
  private final Duration skew;
  private final Clock clock;

  IdTokenClaims(String issuer, List<String> audiences, Duration skew, Clock clock) {
    this.issuer = issuer;
    this.audiences = List.copyOf(audiences);
    this.skew = skew;
    this.clock = clock;
  }

  @Override
  public void verify(JWTClaimsSet claims, SecurityContext context) throws ClaimRejection {
    if (!issuer.equals(claims.getIssuer())) {
      throw new ClaimRejection(Reason.UNKNOWN_ISSUER, "The ID token's issuer is not trusted.");
    }
    List<String> aud = claims.getAudience();
    if (aud.stream().noneMatch(audiences::contains)) {
      // Google does not publish the audience it uses: an operator can find it here.
      LOG.log(Level.DEBUG, "ID token refused for its audience {0}", aud);
      throw new ClaimRejection(Reason.WRONG_AUDIENCE, "The ID token is not meant for this EKM.");
    }
    checkTimes(claims.getExpirationTime(), claims.getNotBeforeTime(), claims.getIssueTime());
    if (!(claims.getClaim("email") instanceof String email) || email.isEmpty()) {
      throw new ClaimRejection(Reason.MALFORMED, "The ID token names no e-mail.");
    }
    Object verified = claims.getClaim("email_verified");
    if (!Boolean.TRUE.equals(verified) && !"true".equals(verified)) {
      throw new ClaimRejection(Reason.MALFORMED, "The ID token's e-mail is not verified.");
    }
  }

  private void checkTimes(Date exp, Date nbf, Date iat) throws ClaimRejection {
    if (exp == null || iat == null) {
      throw new ClaimRejection(Reason.MALFORMED, "The ID token lacks exp or iat.");
    }
    Instant now = clock.instant();
    if (!now.isBefore(exp.toInstant().plus(skew))) {
      throw new ClaimRejection(Reason.EXPIRED, "The ID token has expired.");
    }
    Instant latest = now.plus(skew);
    if ((nbf != null && nbf.toInstant().isAfter(latest)) || iat.toInstant().isAfter(latest)) {
      throw new ClaimRejection(Reason.NOT_YET_VALID, "The ID token is not valid yet.");
    }
  }
}
