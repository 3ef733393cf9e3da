package io.ekms.kms.service;

import io.ekms.core.db.Database;
import io.ekms.core.db.StoreException;
import io.ekms.kms.store.RetryTokenRepository;
import io.ekms.kms.store.RetryTokenRepository.Entry;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code opc-retry-token}: a create or action retried with the same token gets the first answer
 * instead of acting twice. The same token with a different request is refused (409); a token whose
 * request failed is released so that the retry can run. Tokens are kept for 24 hours.
 */
public final class RetryTokens {
  private final Database db;
  private final Clock clock;
  private final RetryTokenRepository repository = new RetryTokenRepository();

  public RetryTokens(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** A remembered answer. */
  public record Stored(int status, String body) {}

  /**
   * Claims {@code token} for this request, or returns the answer it already had.
   *
   * @throws io.ekms.core.error.ApiException 409 when the token belongs to another request or its
   *     first use is still running
   */
  public Optional<Stored> begin(String principal, String token, String operation, String hash) {
    Validate.check(
        token.length() <= 64 && token.matches("[A-Za-z0-9._:-]+"),
        "'opc-retry-token' must be 1 to 64 letters, digits or ._:-");
    Entry existing;
    try {
      existing =
          db.inTransaction(
              c ->
                  repository.claim(c, principal, token, operation, hash, clock.instant())
                      ? null
                      : repository.find(c, principal, token).orElse(null));
    } catch (StoreException e) {
      if (!e.isDuplicateKey()) {
        throw e;
      }
      existing = db.withConnection(c -> repository.find(c, principal, token)).orElse(null);
    }
    if (existing == null) {
      return Optional.empty();
    }
    if (!existing.requestHash().equals(hash) || !existing.operation().equals(operation)) {
      throw KmsError.RETRY_TOKEN_REUSED.error(
          "This opc-retry-token was used for a different request.");
    }
    if (existing.status() == 0) {
      throw KmsError.RETRY_TOKEN_REUSED.error(
          "The first request with this opc-retry-token is still running; retry later.");
    }
    return Optional.of(new Stored(existing.status(), existing.response()));
  }

  public void complete(String principal, String token, int status, String body) {
    db.inTransaction(
        c -> {
          repository.complete(c, principal, token, status, body);
          return null;
        });
  }

  public void release(String principal, String token) {
    db.inTransaction(
        c -> {
          repository.release(c, principal, token);
          return null;
        });
  }

  /** Forgets tokens older than 24 hours; run by the background sweeper. */
  public int expire() {
    return db.inTransaction(c -> repository.expire(c, clock.instant().minusSeconds(86_400)));
  }
}
