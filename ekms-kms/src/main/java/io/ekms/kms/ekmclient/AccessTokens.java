package io.ekms.kms.ekmclient;

import io.ekms.core.crypto.Randoms;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Access tokens per OAuth client, shared by every vault that uses the same client.
 *
 * <p>A token is reused until {@code margin} before it expires (half its lifetime when it lives less
 * than twice the margin; not at all when the server gave no lifetime). When many threads need a new
 * token at once, one fetches it and the others wait for that fetch and share its outcome, token or
 * failure (single flight). {@link #discard} drops a token the EKM refused, unless another thread
 * already replaced it.
 *
 * <p>The cache key is the identity URL, client id and audience plus a keyed hash of the secret: a
 * vault configured with the right client id but a wrong secret never borrows a token that another
 * vault obtained with the right one. The hash key is random per process.
 *
 * <p>Callers choose the keys, so the cache is bounded: a fetch that fails (or yields a token that
 * cannot be reused) leaves no entry behind, expired entries go at the next fetch, and beyond {@code
 * max} entries idle ones are dropped (their clients fetch again when next used).
 */
final class AccessTokens {
  /** A token and the instant from which it is no longer handed out. */
  record Token(String value, Instant refreshAt) {
    @Override
    public String toString() {
      return "Token[refreshAt=" + refreshAt + "]";
    }
  }

  private record Key(String identityUrl, String clientId, String audience, String secretTag) {}

  /** One client's current token and the fetch in flight, if any. */
  private static final class Slot {
    volatile Token current;
    volatile CompletableFuture<Token> inflight; // written under the slot's lock
  }

  /** At most this many clients' tokens are kept by default. */
  static final int DEFAULT_MAX = 1024;

  private final Map<Key, Slot> slots = new ConcurrentHashMap<>();
  private final Function<OAuthClient, TokenFetcher.Grant> fetcher;
  private final Clock clock;
  private final Duration margin;
  private final int max;
  private final SecretKeySpec tagKey = new SecretKeySpec(Randoms.bytes(32), "HmacSHA256");

  AccessTokens(Function<OAuthClient, TokenFetcher.Grant> fetcher, Clock clock, Duration margin) {
    this(fetcher, clock, margin, DEFAULT_MAX);
  }

  AccessTokens(
      Function<OAuthClient, TokenFetcher.Grant> fetcher, Clock clock, Duration margin, int max) {
    this.fetcher = fetcher;
    this.clock = clock;
    this.margin = margin;
    this.max = max;
  }

  /** How many clients have an entry (a token or a fetch in flight). */
  int size() {
    return slots.size();
  }

  /** A usable token for {@code client}, cached or fetched now. */
  Token get(OAuthClient client) {
    Key key = key(client);
    Slot slot = slots.get(key);
    if (slot == null) {
      slot = slots.computeIfAbsent(key, k -> new Slot());
      trim(slot);
    }
    Token token = slot.current;
    if (usable(token)) {
      return token;
    }
    CompletableFuture<Token> flight;
    boolean fetchHere = false;
    synchronized (slot) {
      token = slot.current;
      if (usable(token)) {
        return token;
      }
      flight = slot.inflight;
      if (flight == null) {
        flight = new CompletableFuture<>();
        slot.inflight = flight;
        fetchHere = true;
      }
    }
    if (!fetchHere) {
      // Wait outside the lock: the fetcher needs it to clear the flight, and a waiter holding it
      // would make every other caller queue on the monitor instead of on the shared answer.
      return await(flight);
    }
    try {
      Token fresh = fetch(client);
      slot.current = fresh;
      flight.complete(fresh);
      return fresh;
    } catch (Throwable failure) {
      flight.completeExceptionally(failure);
      throw failure;
    } finally {
      synchronized (slot) {
        slot.inflight = null;
        if (!usable(slot.current)) {
          slots.remove(key, slot); // nothing worth keeping: a failure leaves no entry
        }
      }
    }
  }

  /** Beyond {@code max} entries, drops idle ones: expired first, then any but {@code keep}. */
  private void trim(Slot keep) {
    if (slots.size() <= max) {
      return;
    }
    slots.values().removeIf(s -> s != keep && s.inflight == null && !usable(s.current));
    var idle = slots.values().iterator();
    while (slots.size() > max && idle.hasNext()) {
      Slot s = idle.next();
      if (s != keep && s.inflight == null) {
        idle.remove();
      }
    }
  }

  /** Forgets {@code used} for {@code client} if it is still the current token. */
  void discard(OAuthClient client, Token used) {
    Slot slot = slots.get(key(client));
    if (slot != null) {
      synchronized (slot) {
        if (slot.current == used) {
          slot.current = null;
        }
      }
    }
  }

  private Token fetch(OAuthClient client) {
    Instant asked = clock.instant();
    TokenFetcher.Grant grant = fetcher.apply(client);
    Duration lifetime = grant.expiresIn() == null ? Duration.ZERO : grant.expiresIn();
    Duration reuse = lifetime.minus(margin);
    if (reuse.compareTo(lifetime.dividedBy(2)) < 0) {
      reuse = lifetime.dividedBy(2);
    }
    slots.values().removeIf(s -> s.current != null && !usable(s.current) && s.inflight == null);
    return new Token(grant.accessToken(), asked.plus(reuse));
  }

  private boolean usable(Token token) {
    return token != null && clock.instant().isBefore(token.refreshAt());
  }

  private static Token await(CompletableFuture<Token> flight) {
    try {
      return flight.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private Key key(OAuthClient client) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(tagKey);
      byte[] tag = client.clientAppSecret().reveal(mac::doFinal);
      return new Key(
          client.idcsAccountNameUrl(),
          client.clientAppId(),
          client.audience(),
          HexFormat.of().formatHex(tag));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
