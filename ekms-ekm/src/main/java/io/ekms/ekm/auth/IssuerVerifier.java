package io.ekms.ekm.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import io.ekms.ekm.auth.TokenRejectedException.Reason;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * Verifies tokens of one trusted issuer whose endpoints are known: a cached, rate-limited JWKS
 * source and the Nimbus processor built on it, made once and shared by all requests (both are
 * thread-safe). Nimbus's exceptions are turned into {@link TokenRejectedException}s here, by type.
 */
final class IssuerVerifier implements AutoCloseable {
  static final Duration CACHE_TTL = Duration.ofMinutes(15);
  static final Duration REFRESH_FLOOR = Duration.ofSeconds(30);
  static final Duration REFRESH_AHEAD = Duration.ofSeconds(30);
  static final Duration REFRESH_WAIT = Duration.ofSeconds(10);

  private final JwksFetches fetches;
  private final JWKSource<SecurityContext> source;
  private final DefaultJWTProcessor<SecurityContext> processor;

  private IssuerVerifier(
      JwksFetches fetches,
      JWKSource<SecurityContext> source,
      DefaultJWTProcessor<SecurityContext> processor) {
    this.fetches = fetches;
    this.source = source;
    this.processor = processor;
  }

  /** Builds the JWKS source and processor for {@code endpoints}; performs no network I/O. */
  static IssuerVerifier create(
      String issuerId,
      Discovery.Endpoints endpoints,
      ResourceRetriever retriever,
      AccessTokenClaims claims) {
    return create(issuerId, endpoints, retriever, claims, BearerToken.ALLOWED_ALGS);
  }

  /** As above, with other claim checks and only the signature algorithms {@code algorithms}. */
  static IssuerVerifier create(
      String issuerId,
      Discovery.Endpoints endpoints,
      ResourceRetriever retriever,
      JWTClaimsSetVerifier<SecurityContext> claims,
      Set<JWSAlgorithm> algorithms) {
    JwksFetches fetches =
        new JwksFetches(issuerId, new URLBasedJWKSetSource<>(endpoints.jwksUri(), retriever));
    // The rate limiter sits below the cache: an unknown kid refreshes the cache, but at most two
    // fetches (the load and one refresh) happen per REFRESH_FLOOR, whatever kids tokens claim.
    JWKSource<SecurityContext> source =
        JWKSourceBuilder.create(fetches)
            .cache(CACHE_TTL.toMillis(), REFRESH_WAIT.toMillis())
            .rateLimited(REFRESH_FLOOR.toMillis())
            .refreshAheadCache(
                REFRESH_AHEAD.toMillis(),
                null,
                Executors.newVirtualThreadPerTaskExecutor(),
                true,
                null,
                false)
            .build();
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSTypeVerifier((type, context) -> {}); // typ was checked by BearerToken
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, source));
    processor.setJWTClaimsSetVerifier(claims);
    return new IssuerVerifier(fetches, source, processor);
  }

  /** Verifies signature and claims; returns the verified claims or throws a classified reject. */
  JWTClaimsSet process(SignedJWT jwt) {
    try {
      return processor.process(jwt, null);
    } catch (ClaimRejection e) {
      throw new TokenRejectedException(e.reason(), e.getMessage());
    } catch (BadJWSException e) {
      throw reject(Reason.BAD_SIGNATURE, "The access token's signature does not verify.");
    } catch (BadJWTException e) {
      throw reject(Reason.MALFORMED, "The access token's claims are not valid.");
    } catch (BadJOSEException e) {
      // With typ and algorithm settled beforehand, what is left is "no key matches kid and type".
      throw unknownKey();
    } catch (RateLimitReachedException e) {
      if (fetches.lastFailed()) {
        throw unavailable(e);
      }
      throw unknownKey();
    } catch (KeySourceException e) {
      throw unavailable(e);
    } catch (JOSEException e) {
      throw reject(Reason.BAD_SIGNATURE, "The access token's signature does not verify.");
    }
  }

  private static TokenRejectedException unknownKey() {
    return reject(Reason.UNKNOWN_KEY, "The access token's signing key is not published.");
  }

  private TokenRejectedException unavailable(Exception cause) {
    return new TokenRejectedException(
        Reason.ISSUER_UNAVAILABLE,
        "The keys of the access token's issuer cannot be fetched.",
        cause);
  }

  private static TokenRejectedException reject(Reason reason, String message) {
    return new TokenRejectedException(reason, message);
  }

  @Override
  public void close() {
    if (source instanceof Closeable closeable) {
      try {
        closeable.close();
      } catch (IOException e) {
        // Closing only stops the refresh-ahead executor; there is nothing to recover.
      }
    }
  }
}
