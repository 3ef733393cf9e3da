package io.ekms.ekm.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.ekms.ekm.auth.TokenRejectedException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Validates the OAuth bearer tokens that authenticate every EKM API call.
 *
 * <p>A token is accepted only if: the header is {@code Bearer <compact JWS>} of at most 16 KiB; its
 * algorithm is RS256 or ES256 (decided before any key look-up, so {@code none} and HMAC are refused
 * outright); its unverified {@code iss} names an issuer the look-up trusts; its signature verifies
 * with that issuer's JWKS key named by {@code kid} (of the algorithm's key type); {@code iss}
 * matches exactly; {@code aud} contains the audience; {@code exp} is present and not past, and
 * {@code nbf}/{@code iat} are not in the future, each within the clock skew; and its scopes include
 * {@code oci_ekms} (or {@code <audience>oci_ekms}). Anything else throws {@link
 * TokenRejectedException} with its reason.
 *
 * <p>JWKS are fetched over HTTPS (timeouts, size limit, the issuer's CA bundle), cached per issuer
 * for 15 minutes and refreshed on an unknown {@code kid}, with at most two fetches per issuer per
 * 30 seconds, so tokens with made-up key ids cannot flood the issuer. Per-issuer state is built
 * once and rebuilt only when the look-up returns a changed {@link TrustedIssuer}; {@link #forget}
 * drops it. A token that passed is remembered for a short while ({@link VerifiedTokenCache}), so a
 * client reusing its token is verified once, not on every call. Thread-safe; meant to be shared by
 * all requests.
 */
public final class TokenValidator implements AutoCloseable {
  static final Duration MAX_SKEW = Duration.ofMinutes(5);

  private final String audience;
  private final Duration skew;
  private final Function<String, Optional<TrustedIssuer>> lookup;
  private final Clock clock;
  private final ConcurrentHashMap<String, IssuerSlot> slots = new ConcurrentHashMap<>();
  private final VerifiedTokenCache verified;

  /**
   * @param audience the EKM's audience, which every token's {@code aud} must contain
   * @param skew clock skew allowed on {@code exp}, {@code nbf} and {@code iat} (0 to 5 minutes)
   * @param lookup the trusted issuer for an {@code iss} value, or empty when it is not trusted
   * @param clock the time tokens are judged at
   */
  public TokenValidator(
      String audience,
      Duration skew,
      Function<String, Optional<TrustedIssuer>> lookup,
      Clock clock) {
    if (audience == null || audience.isBlank() || audience.length() > 2048) {
      throw new IllegalArgumentException("audience must be 1 to 2048 chars");
    }
    if (skew == null || skew.isNegative() || skew.compareTo(MAX_SKEW) > 0) {
      throw new IllegalArgumentException("clock skew must be 0 to 5 minutes");
    }
    this.audience = audience;
    this.skew = skew;
    this.lookup = Objects.requireNonNull(lookup, "lookup");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.verified = new VerifiedTokenCache(clock);
  }

  /**
   * Validates the value of an {@code Authorization} header.
   *
   * @throws TokenRejectedException when the token is missing or not acceptable (HTTP 401)
   */
  public VerifiedToken validate(String authorizationHeaderValue) {
    String token = BearerToken.extract(authorizationHeaderValue);
    Optional<VerifiedToken> known = verified.find(token, lookup);
    if (known.isPresent()) {
      return known.get();
    }
    SignedJWT jwt = BearerToken.parse(token);
    String iss = BearerToken.unverifiedClaims(jwt).getIssuer();
    if (iss == null) {
      throw BearerToken.reject(Reason.MALFORMED, "The access token names no issuer.");
    }
    TrustedIssuer trusted =
        lookup
            .apply(iss)
            .orElseThrow(
                () ->
                    BearerToken.reject(
                        Reason.UNKNOWN_ISSUER, "The access token's issuer is not trusted."));
    JWTClaimsSet claims = slotFor(trusted).verifier().process(jwt);
    try {
      VerifiedToken result = AccessTokenClaims.verified(claims);
      verified.remember(token, trusted, result);
      return result;
    } catch (ClaimRejection e) {
      throw new TokenRejectedException(e.reason(), e.getMessage());
    }
  }

  /** Drops the cached keys and discovery result of {@code issuerId}, e.g. after a config change. */
  public void forget(String issuerId) {
    verified.clear();
    IssuerSlot slot = slots.remove(issuerId);
    if (slot != null) {
      slot.close();
    }
  }

  /** Drops every issuer's cached state and stops background JWKS refreshes. */
  @Override
  public void close() {
    slots.keySet().forEach(this::forget);
  }

  private IssuerSlot slotFor(TrustedIssuer trusted) {
    IssuerSlot slot = slots.get(trusted.id());
    if (slot != null && slot.config().equals(trusted)) {
      return slot;
    }
    return slots.compute(
        trusted.id(),
        (id, old) -> {
          if (old != null && old.config().equals(trusted)) {
            return old;
          }
          if (old != null) {
            old.close();
          }
          return new IssuerSlot(trusted, audience, skew, clock);
        });
  }
}
