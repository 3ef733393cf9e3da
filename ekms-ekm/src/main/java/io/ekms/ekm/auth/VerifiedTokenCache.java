package io.ekms.ekm.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Access tokens that passed every check of {@link TokenValidator}, remembered so that a client
 * sending the same token on every call pays for parsing and signature verification once, not per
 * request. Only what the token proves is kept, never anything about keys or vaults: those are
 * checked on every call as before.
 *
 * <p>An entry is keyed by the SHA-256 of the token (the token itself is not kept, and look-ups
 * compare digests, not credentials) and is used only while: the token has not expired (no skew
 * allowance: a token inside the skew window is verified afresh), the entry is younger than {@link
 * #MAX_AGE} (so a signing key withdrawn from the issuer's JWKS stops working within that time), and
 * the issuer is still trusted with exactly the configuration that verified it. At most {@link
 * #MAX_ENTRIES} are kept; when full, expired entries go first, then everything.
 */
final class VerifiedTokenCache {
  static final Duration MAX_AGE = Duration.ofSeconds(60);
  static final int MAX_ENTRIES = 10_000;

  private record Entry(TrustedIssuer issuer, VerifiedToken token, Instant until) {}

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final Clock clock;

  VerifiedTokenCache(Clock clock) {
    this.clock = clock;
  }

  /** The remembered result for {@code token}, when it may still be used. */
  Optional<VerifiedToken> find(String token, Function<String, Optional<TrustedIssuer>> lookup) {
    String digest = digest(token);
    Entry e = entries.get(digest);
    if (e == null) {
      return Optional.empty();
    }
    boolean fresh = clock.instant().isBefore(e.until());
    if (!fresh || !lookup.apply(e.token().issuer()).filter(e.issuer()::equals).isPresent()) {
      entries.remove(digest, e);
      return Optional.empty();
    }
    return Optional.of(e.token());
  }

  /** Remembers a token that {@code issuer} just verified. */
  void remember(String token, TrustedIssuer issuer, VerifiedToken verified) {
    Instant now = clock.instant();
    Instant until = now.plus(MAX_AGE);
    if (verified.expiresAt().isBefore(until)) {
      until = verified.expiresAt();
    }
    if (!now.isBefore(until)) {
      return;
    }
    if (entries.size() >= MAX_ENTRIES) {
      entries.values().removeIf(e -> !now.isBefore(e.until()));
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
    }
    entries.put(digest(token), new Entry(issuer, verified, until));
  }

  /** Forgets every token, e.g. when an issuer's configuration changes. */
  void clear() {
    entries.clear();
  }

  int size() {
    return entries.size();
  }

  private static String digest(String token) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
