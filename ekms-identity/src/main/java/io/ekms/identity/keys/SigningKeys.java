package io.ekms.identity.keys;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.ekms.core.config.Misconfiguration;
import io.ekms.core.db.Database;
import io.ekms.identity.domain.SigningKeyInfo;
import io.ekms.identity.store.SigningKeyRepository;
import io.ekms.identity.store.StoredKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The token signing keys: the current key, which signs, and the keys it replaced, whose public
 * halves stay published until every token they signed has expired.
 *
 * <p>Rotation makes a new RSA 2048 key current at once and erases the previous key's private half;
 * the previous key's retirement time is then {@code now + longest lifetime it signed with + clock
 * skew}. At and after that time it is no longer in {@link #published()}, and its row is deleted at
 * the next rotation or start. Thread-safe: readers see an immutable snapshot, rotations are
 * serialised. One process owns the keys of a database (as one process owns its audit log).
 */
public final class SigningKeys {
  private final Database db;
  private final KeySealer sealer;
  private final Clock clock;
  private final int lifetimeSeconds;
  private final Duration skew;
  private final SigningKeyRepository repository = new SigningKeyRepository();
  private final ReentrantLock rotation = new ReentrantLock();
  private volatile State state;

  /** One consistent view: the signer and every published key, newest first. */
  private record State(ActiveKey current, List<Published> published) {}

  private record Published(RSAKey jwk, SigningKeyInfo info) {}

  /** The current key first, then the others by when they were superseded, latest first. */
  private static final Comparator<Published> NEWEST_FIRST =
      Comparator.comparing(
          (Published p) -> p.info().supersededAt(),
          Comparator.nullsFirst(Comparator.<Instant>reverseOrder()));

  private SigningKeys(
      Database db, KeySealer sealer, Clock clock, int lifetimeSeconds, Duration skew) {
    this.db = db;
    this.sealer = sealer;
    this.clock = clock;
    this.lifetimeSeconds = lifetimeSeconds;
    this.skew = skew;
  }

  /** Stores a first key unless the database has a current one; true when it made one. */
  public static boolean createFirst(
      Database db, KeySealer sealer, Clock clock, int lifetimeSeconds) {
    var repository = new SigningKeyRepository();
    return db.inTransaction(
        c -> {
          if (repository.all(c).stream().anyMatch(k -> k.supersededAt() == null)) {
            return false;
          }
          repository.insert(c, NewKey.generate(sealer, clock.instant(), lifetimeSeconds).row());
          return true;
        });
  }

  /**
   * Loads the keys, deleting retired ones and unsealing the current one.
   *
   * @throws Misconfiguration when there is no current key or it does not open
   */
  public static SigningKeys open(
      Database db, KeySealer sealer, Clock clock, int lifetimeSeconds, Duration skew) {
    SigningKeys keys = new SigningKeys(db, sealer, clock, lifetimeSeconds, skew);
    List<StoredKey> rows =
        db.inTransaction(
            c -> {
              keys.repository.deleteRetired(c, clock.instant());
              for (StoredKey k : keys.repository.all(c)) {
                if (k.supersededAt() == null) {
                  keys.repository.raiseMaxLifetime(c, k.kid(), lifetimeSeconds);
                }
              }
              return keys.repository.all(c);
            });
    StoredKey current =
        rows.stream()
            .filter(k -> k.supersededAt() == null && k.sealedPrivate() != null)
            .findFirst()
            .orElseThrow(
                () ->
                    new Misconfiguration(
                        "the identity server has no signing key; run 'ekms identity init'."));
    try {
      RSAKey jwk = parse(current);
      keys.state =
          keys.state(
              new ActiveKey(jwk, sealer.open(jwk.getKeyID(), current.sealedPrivate())), rows);
    } catch (KeySealer.SealedKeyException | IllegalStateException e) {
      throw new Misconfiguration(
          e.getMessage() + " (wrong master key file for this database, or a damaged row).");
    }
    return keys;
  }

  /** The key that signs new tokens. */
  public ActiveKey current() {
    return state.current();
  }

  /** The public keys to serve as the JWKS now: the current key and every unretired one. */
  public JWKSet published() {
    Instant now = clock.instant();
    List<JWK> keys = new ArrayList<>();
    for (Published p : state.published()) {
      if (p.info().retireAt() == null || now.isBefore(p.info().retireAt())) {
        keys.add(p.jwk());
      }
    }
    return new JWKSet(keys).toPublicJWKSet();
  }

  /** What {@link #published()} serves, described. */
  public List<SigningKeyInfo> list() {
    Instant now = clock.instant();
    return state.published().stream()
        .map(Published::info)
        .filter(i -> i.retireAt() == null || now.isBefore(i.retireAt()))
        .toList();
  }

  /** Makes a new key current; the previous one is published until its retirement time. */
  public SigningKeyInfo rotate() {
    rotation.lock();
    try {
      Instant now = clock.instant();
      NewKey fresh = NewKey.generate(sealer, now, lifetimeSeconds);
      String previous = state.current().kid();
      List<StoredKey> rows =
          db.inTransaction(
              c -> {
                int signedWith =
                    repository.all(c).stream()
                        .filter(k -> k.kid().equals(previous))
                        .mapToInt(StoredKey::maxLifetimeSeconds)
                        .findFirst()
                        .orElse(lifetimeSeconds);
                Instant retireAt =
                    now.plusSeconds(Math.max(signedWith, lifetimeSeconds)).plus(skew);
                if (!repository.supersede(c, previous, now, retireAt)) {
                  throw new IllegalStateException("the current signing key changed underneath");
                }
                repository.deleteRetired(c, now);
                repository.insert(c, fresh.row());
                return repository.all(c);
              });
      state = state(fresh.active(), rows);
      return fresh.row().info();
    } finally {
      rotation.unlock();
    }
  }

  private State state(ActiveKey current, List<StoredKey> rows) {
    List<Published> published = new ArrayList<>();
    for (StoredKey row : rows) {
      published.add(new Published(parse(row), row.info()));
    }
    published.sort(NEWEST_FIRST);
    return new State(current, List.copyOf(published));
  }

  private static RSAKey parse(StoredKey row) {
    try {
      RSAKey jwk = RSAKey.parse(row.publicJwk());
      if (jwk.isPrivate() || !row.kid().equals(jwk.getKeyID())) {
        throw new IllegalStateException(
            "the stored JWK of " + row.kid() + " is not its public key");
      }
      return jwk;
    } catch (ParseException e) {
      throw new IllegalStateException("the stored JWK of " + row.kid() + " is not valid", e);
    }
  }
}
