package io.ekms.identity.keys;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.ekms.common.config.Misconfiguration;
import io.ekms.core.db.Database;
import io.ekms.identity.domain.SigningKeyInfo;
import io.ekms.identity.store.SigningKeyRepository;
import io.ekms.identity.store.StoredKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;

/**
 * The token signing keys: the current key, which signs, and the keys it replaced, whose public
 * halves stay published until every token they signed has expired.
 *
 * <p>Rotation makes a new RSA 2048 key current at once and erases the previous key's private half;
 * the previous key's retirement time is then {@code now + longest lifetime it signed with + clock
 * skew}. At and after that time it is no longer in {@link #published()}, and its row is deleted at
 * the next rotation or start. Thread-safe: readers see an immutable snapshot, rotations are
 * serialised.
 *
 * <p>Several identity nodes may share one database. Each re-reads the stored keys at most every
 * {@link #REFRESH} (on the next signing or JWKS read after that), so a rotation made on one node is
 * signed with and published by every node within {@code REFRESH}. Until then a peer may still sign
 * with the replaced key, so its retirement time is later by {@code REFRESH} as well.
 */
public final class SigningKeys {
  private final Database db;
  private final KeySealer sealer;
  private final Clock clock;
  private final int lifetimeSeconds;
  private final Duration skew;
  private final SigningKeyRepository repository = new SigningKeyRepository();

  /** How stale a node's view of the keys may be; see the class comment. */
  public static final Duration REFRESH = Duration.ofSeconds(2);

  private final ReentrantLock rotation = new ReentrantLock();
  private final StampedLock swap = new StampedLock();
  private volatile KeySnapshot state;
  private volatile Instant nextRefresh = Instant.MIN;

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
          repository.insert(c, NewKey.generate(sealer).row(millis(clock), lifetimeSeconds));
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
    keys.state = keys.snapshot(rows, null);
    keys.nextRefresh = clock.instant().plus(REFRESH);
    return keys;
  }

  /**
   * The snapshot of {@code rows}, keeping {@code known}'s unsealed key when the current key is the
   * same.
   *
   * @throws Misconfiguration when there is no current key or it does not open
   */
  private KeySnapshot snapshot(List<StoredKey> rows, ActiveKey known) {
    StoredKey current =
        rows.stream()
            .filter(k -> k.supersededAt() == null && k.sealedPrivate() != null)
            .findFirst()
            .orElseThrow(
                () ->
                    new Misconfiguration(
                        "the identity server has no signing key; run 'ekms identity init'."));
    if (known != null && known.kid().equals(current.kid())) {
      return KeySnapshot.of(known, rows);
    }
    try {
      RSAKey jwk = KeySnapshot.parse(current);
      return KeySnapshot.of(
          new ActiveKey(jwk, sealer.open(jwk.getKeyID(), current.sealedPrivate())), rows);
    } catch (KeySealer.SealedKeyException | IllegalStateException e) {
      throw new Misconfiguration(
          e.getMessage() + " (wrong master key file for this database, or a damaged row).");
    }
  }

  /** Re-reads the stored keys when {@link #REFRESH} has passed; one caller does, others go on. */
  private void refreshIfDue() {
    Instant now = clock.instant();
    if (now.isBefore(nextRefresh) || !rotation.tryLock()) {
      return;
    }
    try {
      if (now.isBefore(nextRefresh)) {
        return;
      }
      reload();
      nextRefresh = now.plus(REFRESH);
    } finally {
      rotation.unlock();
    }
  }

  /** Swaps in what the database holds now; the caller holds {@link #rotation}. */
  private void reload() {
    List<StoredKey> rows = db.withConnection(repository::all);
    KeySnapshot fresh = snapshot(rows, state.current());
    long stamp = swap.writeLock();
    try {
      state = fresh;
    } finally {
      swap.unlockWrite(stamp);
    }
  }

  /** The key that signs new tokens. */
  public ActiveKey current() {
    refreshIfDue();
    return state.current();
  }

  /**
   * The current key together with the time to stamp a token with ({@code iat}). The two are read as
   * one: a token stamped at {@code at()} and signed with {@code key()} was stamped before any
   * rotation that replaced the key began, so it expires before the key retires. Lock-free unless a
   * rotation is committing.
   */
  public Signing signing() {
    refreshIfDue();
    long stamp = swap.tryOptimisticRead();
    Signing signing = new Signing(state.current(), clock.instant());
    if (swap.validate(stamp)) {
      return signing;
    }
    stamp = swap.readLock();
    try {
      return new Signing(state.current(), clock.instant());
    } finally {
      swap.unlockRead(stamp);
    }
  }

  /** A signing key and the issue time to use with it; see {@link #signing()}. */
  public record Signing(ActiveKey key, Instant at) {}

  /** The public keys to serve as the JWKS now: the current key and every unretired one. */
  public JWKSet published() {
    refreshIfDue();
    return state.jwksAt(clock.instant());
  }

  /** What {@link #published()} serves, described, the current key first. */
  public List<SigningKeyInfo> list() {
    refreshIfDue();
    return state.infoAt(clock.instant());
  }

  /**
   * Makes a new key current; the previous one is published until its retirement time. The new key
   * is generated first; the write lock is held only while the rotation time is taken, the change is
   * committed and the snapshot is swapped, so tokens stamped meanwhile wait for it.
   */
  public SigningKeyInfo rotate() {
    rotation.lock();
    try {
      reload(); // another node may have rotated since this one last looked
      NewKey fresh = NewKey.generate(sealer);
      long stamp = swap.writeLock();
      try {
        Instant now = millis(clock);
        StoredKey row = fresh.row(now, lifetimeSeconds);
        List<StoredKey> rows = db.inTransaction(c -> replace(c, row, now));
        state = KeySnapshot.of(fresh.active(), rows);
        return row.info();
      } finally {
        swap.unlockWrite(stamp);
      }
    } finally {
      rotation.unlock();
    }
  }

  private List<StoredKey> replace(Connection c, StoredKey fresh, Instant now) throws SQLException {
    String previous = state.current().kid();
    int signedWith =
        repository.all(c).stream()
            .filter(k -> k.kid().equals(previous))
            .mapToInt(StoredKey::maxLifetimeSeconds)
            .findFirst()
            .orElse(lifetimeSeconds);
    Instant retireAt =
        now.plusSeconds(Math.max(signedWith, lifetimeSeconds)).plus(skew).plus(REFRESH);
    if (!repository.supersede(c, previous, now, retireAt)) {
      throw new IllegalStateException("the current signing key changed underneath");
    }
    repository.deleteRetired(c, now);
    repository.insert(c, fresh);
    return repository.all(c);
  }

  /** Times are kept at the store's precision, so what rotation answers is what a list shows. */
  private static Instant millis(Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
