package io.ekms.ekm.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.ekms.ekm.auth.TokenRejectedException.Reason;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies the Google-style OIDC ID tokens Cloud KMS calls the EKM with: {@code Authorization:
 * Bearer <JWT>}, RS256 only (checked before any key look-up, so {@code none} and HMAC tokens never
 * reach the JWKS), a {@code kid} published in the issuer's JWKS, then {@link IdTokenClaims}. One
 * cached, rate-limited JWKS source per distinct trust (issuer, JWKS URL, CA bundle, audiences).
 * Refusals are {@link TokenRejectedException}s; {@link Reason#ISSUER_UNAVAILABLE} means the JWKS
 * could not be fetched, a transient fault rather than a bad token.
 */
public final class GoogleIdTokens {
  private static final int MAX_VERIFIERS = 256;
  private static final Set<JWSAlgorithm> RS256 = Set.of(JWSAlgorithm.RS256);
  private final Duration skew;
  private final Clock clock;
  private final ConcurrentHashMap<Trust, IssuerVerifier> verifiers = new ConcurrentHashMap<>();

  /** Whom a key store trusts: its issuer, where that issuer's keys are, and its audiences. */
  public record Trust(String issuer, String jwksUrl, String caBundlePem, List<String> audiences) {
    public Trust {
      audiences = List.copyOf(audiences);
    }

    @Override
    public String toString() {
      return "Trust[" + issuer + ", " + jwksUrl + "]";
    }
  }

  /** A verified caller: the token's e-mail (as sent) and subject. */
  public record Caller(String email, String subject) {}

  public GoogleIdTokens(Duration skew, Clock clock) {
    this.skew = skew;
    this.clock = clock;
  }

  /** The caller of the {@code Authorization} header's token, verified against {@code trust}. */
  public Caller verify(String authorization, Trust trust) {
    SignedJWT jwt = parse(BearerToken.extract(authorization));
    JWTClaimsSet claims = verifier(trust).process(jwt);
    return new Caller((String) claims.getClaim("email"), claims.getSubject());
  }

  private static SignedJWT parse(String token) {
    JWT jwt;
    try {
      jwt = JWTParser.parse(token);
    } catch (ParseException e) {
      throw new TokenRejectedException(Reason.MALFORMED, "The ID token is not a well-formed JWT.");
    }
    if (!(jwt instanceof SignedJWT signed)
        || !JWSAlgorithm.RS256.equals(signed.getHeader().getAlgorithm())) {
      throw new TokenRejectedException(
          Reason.ALG_NOT_ALLOWED, "The ID token must be signed with RS256.");
    }
    JWSHeader header = signed.getHeader();
    if (header.getKeyID() == null || header.getKeyID().isEmpty()) {
      throw new TokenRejectedException(
          Reason.UNKNOWN_KEY, "The ID token names no signing key (kid).");
    }
    return signed;
  }

  private IssuerVerifier verifier(Trust trust) {
    IssuerVerifier v = verifiers.get(trust);
    if (v != null) {
      return v;
    }
    if (verifiers.size() >= MAX_VERIFIERS) {
      verifiers.clear();
    }
    return verifiers.computeIfAbsent(trust, this::create);
  }

  private IssuerVerifier create(Trust trust) {
    TrustedIssuer issuer =
        TrustedIssuer.ofJwksUri("gcp", trust.issuer(), trust.jwksUrl(), trust.caBundlePem());
    Discovery.Endpoints endpoints =
        new Discovery.Endpoints(
            trust.issuer(), FetchUrls.check("Google key store jwksUrl", trust.jwksUrl()));
    return IssuerVerifier.create(
        "gcp:" + trust.issuer(),
        endpoints,
        Discovery.retriever(issuer),
        new IdTokenClaims(trust.issuer(), trust.audiences(), skew, clock),
        RS256);
  }
}
