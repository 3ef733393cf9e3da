package io.ekms.ekm.auth;

import com.nimbusds.jose.util.ResourceRetriever;
import io.ekms.ekm.auth.TokenRejectedException.Reason;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One configured issuer inside {@link TokenValidator}: resolves its endpoints on first use (OIDC
 * discovery when configured so) and then holds its {@link IssuerVerifier}. A failed discovery is
 * retried at most once per {@link IssuerVerifier#REFRESH_FLOOR}; requests in between are refused
 * without touching the network.
 */
final class IssuerSlot implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(IssuerSlot.class.getName());

  private final TrustedIssuer config;
  private final ResourceRetriever retriever;
  private final String audience;
  private final Duration skew;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock(); // not synchronized: I/O under it
  private volatile IssuerVerifier verifier;
  private long retryAtNanos; // guarded by lock
  private boolean failed; // guarded by lock
  private boolean closed; // guarded by lock

  IssuerSlot(TrustedIssuer config, String audience, Duration skew, Clock clock) {
    this.config = config;
    this.retriever = Discovery.retriever(config);
    this.audience = audience;
    this.skew = skew;
    this.clock = clock;
  }

  TrustedIssuer config() {
    return config;
  }

  /** The verifier, resolving the issuer's endpoints first if that has not happened yet. */
  IssuerVerifier verifier() {
    IssuerVerifier ready = verifier;
    if (ready != null) {
      return ready;
    }
    lock.lock();
    try {
      if (verifier != null) {
        return verifier;
      }
      if (closed || (failed && System.nanoTime() - retryAtNanos < 0)) {
        throw unavailable(null);
      }
      verifier = resolve();
      return verifier;
    } finally {
      lock.unlock();
    }
  }

  private IssuerVerifier resolve() {
    try {
      Discovery.Endpoints endpoints = Discovery.resolve(config, retriever);
      var claims = new AccessTokenClaims(endpoints.issuer(), audience, skew, clock);
      return IssuerVerifier.create(config.id(), endpoints, retriever, claims);
    } catch (IOException e) {
      failed = true;
      retryAtNanos = System.nanoTime() + IssuerVerifier.REFRESH_FLOOR.toNanos();
      LOG.log(Level.WARNING, "discovery of trusted issuer {0} failed: {1}", config.id(), e);
      throw unavailable(e);
    }
  }

  private static TokenRejectedException unavailable(Exception cause) {
    return new TokenRejectedException(
        Reason.ISSUER_UNAVAILABLE, "The access token's issuer cannot be reached.", cause);
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      if (verifier != null) {
        verifier.close();
      }
    } finally {
      lock.unlock();
    }
  }
}
