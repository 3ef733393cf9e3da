package io.ekms.ekm.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * The innermost JWKS source of one issuer: performs the real fetch, logs failures and remembers
 * whether the last fetch failed. It sits under Nimbus's rate limiter, so it logs at most as often
 * as fetches are allowed, and lets the validator tell "the issuer is down" from "the token's kid is
 * unknown" when the rate limiter refuses a refresh.
 */
final class JwksFetches implements JWKSetSource<SecurityContext> {
  private static final System.Logger LOG = System.getLogger(JwksFetches.class.getName());

  private final String issuerId;
  private final JWKSetSource<SecurityContext> remote;
  private volatile boolean lastFailed;

  JwksFetches(String issuerId, JWKSetSource<SecurityContext> remote) {
    this.issuerId = issuerId;
    this.remote = remote;
  }

  @Override
  public JWKSet getJWKSet(
      JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
      throws KeySourceException {
    try {
      JWKSet set = remote.getJWKSet(refreshEvaluator, currentTime, context);
      lastFailed = false;
      return set;
    } catch (KeySourceException e) {
      lastFailed = true;
      LOG.log(
          Level.WARNING,
          "JWKS of trusted issuer {0} unavailable: {1}",
          issuerId,
          e.getCause() != null ? e.getCause().toString() : e.getMessage());
      throw e;
    }
  }

  /** Whether the most recent fetch failed (or none succeeded since it did). */
  boolean lastFailed() {
    return lastFailed;
  }

  @Override
  public void close() throws IOException {
    remote.close();
  }
}
