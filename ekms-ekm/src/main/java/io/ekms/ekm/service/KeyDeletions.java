package io.ekms.ekm.service;

import io.ekms.core.db.Database;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyState;
import io.ekms.ekm.service.AuditTrail.Target;
import io.ekms.ekm.store.KeyDeletionRepository;
import io.ekms.ekm.store.KeyDeletionRepository.Scheduled;
import io.ekms.ekm.store.KeyRepository;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deleting a key with a waiting period (docs/operations.md, "Scheduled key deletion"): the key
 * turns PENDING_DELETION and refuses every call at once, its versions intact; until its deletion
 * time an administrator can cancel (the key comes back DISABLED); then any node's pass destroys its
 * versions and marks it DELETED, with the key's row locked and its state checked again, so it
 * happens once. With a waiting period of 0 days (development stacks only) deletion is immediate.
 */
public final class KeyDeletions implements AutoCloseable {
  public static final int MIN_DAYS = 7;
  public static final int MAX_DAYS = 30;
  private static final Logger LOG = System.getLogger(KeyDeletions.class.getName());
  private static final String CALLER = "system:key-deletion";
  private static final int BATCH = 1000;
  private final Database db;
  private final KeyAdmin keyAdmin;
  private final AuditTrail audit;
  private final Clock clock;
  private final int defaultDays;
  private final KeyRepository keys = new KeyRepository();
  private final KeyDeletionRepository deletions = new KeyDeletionRepository();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofVirtual().name("ekm-key-deletions").factory());

  /** {@code defaultDays}: the waiting period when a request names none (0, or 7 to 30). */
  public KeyDeletions(
      Database db, KeyAdmin keyAdmin, AuditTrail audit, Clock clock, int defaultDays) {
    this.db = db;
    this.keyAdmin = keyAdmin;
    this.audit = audit;
    this.clock = clock;
    this.defaultDays = defaultDays;
  }

  /** A key and, while it waits, when it is deleted. */
  public record Pending(Key key, Instant deletionTime) {}

  /**
   * Deletes a key: scheduled {@code days} (7 to 30; null: the configured default) from now, or at
   * once when the default is 0 and none is named. 404 unknown, 409 already pending.
   */
  public Pending delete(CallContext ctx, String vaultId, String keyId, Integer days) {
    int wait = days == null ? defaultDays : days;
    if (wait == 0 && days == null) {
      return new Pending(keyAdmin.setState(ctx, vaultId, keyId, KeyState.DELETED), null);
    }
    return audit.run(
        ctx,
        "ScheduleKeyDeletion",
        new Target(vaultId, keyId, null),
        null,
        () -> {
          if (wait < MIN_DAYS || wait > MAX_DAYS) {
            throw EkmError.INVALID_REQUEST.error(
                "Field 'pendingDays' must be 7 to 30: a key waits that long before it is deleted.");
          }
          Instant now = clock.instant();
          Instant when = now.plus(Duration.ofDays(wait));
          return db.inTransaction(
              c -> {
                Key key = live(c, vaultId, keyId);
                if (key.state() == KeyState.PENDING_DELETION) {
                  throw EkmError.CONFLICT.error(
                      "The key is already scheduled for deletion; cancel it first to change when.");
                }
                Key pending = key.withState(KeyState.PENDING_DELETION, now);
                keys.update(c, pending);
                deletions.insert(c, new Scheduled(keyId, vaultId, when), now, ctx.caller());
                return new Pending(pending, when);
              });
        });
  }

  /** Cancels a scheduled deletion: the key comes back DISABLED (enable it to use it again). */
  public Key cancel(CallContext ctx, String vaultId, String keyId) {
    return audit.run(
        ctx,
        "CancelKeyDeletion",
        new Target(vaultId, keyId, null),
        null,
        () ->
            db.inTransaction(
                c -> {
                  Key key = live(c, vaultId, keyId);
                  if (key.state() != KeyState.PENDING_DELETION) {
                    throw EkmError.CONFLICT.error("The key is not scheduled for deletion.");
                  }
                  Key disabled = key.withState(KeyState.DISABLED, clock.instant());
                  keys.update(c, disabled);
                  deletions.delete(c, keyId);
                  return disabled;
                }));
  }

  /** When a key pending deletion is deleted; null when it is not pending. */
  public Instant deletionTime(String keyId) {
    return db.withConnection(c -> deletions.find(c, keyId))
        .map(Scheduled::deletionTime)
        .orElse(null);
  }

  /** Runs {@link #deleteDue} every {@code interval}. */
  public void start(Duration interval) {
    timer.scheduleWithFixedDelay(
        this::deleteQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One pass: deletes the keys whose time has come that no other node deleted first. */
  public int deleteDue() {
    Instant now = clock.instant();
    int deleted = 0;
    for (Scheduled s : db.withConnection(c -> deletions.due(c, now, BATCH))) {
      CallContext ctx = new CallContext("key-deletion-" + s.keyId(), CALLER, null, null);
      Target target = new Target(s.vaultId(), s.keyId(), null);
      try {
        if (db.inTransaction(c -> finish(c, s, now))) {
          audit.record(ctx, "DeleteKey", target, AuditTrail.OK);
          deleted++;
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "deleting key " + s.keyId() + " failed; the next pass retries", e);
      }
    }
    return deleted;
  }

  private boolean finish(java.sql.Connection c, Scheduled s, Instant now)
      throws java.sql.SQLException {
    var key = keys.findForUpdate(c, s.vaultId(), s.keyId());
    var still = deletions.find(c, s.keyId());
    if (key.isEmpty()
        || key.get().state() != KeyState.PENDING_DELETION
        || still.isEmpty()
        || still.get().deletionTime().isAfter(now)) {
      return false;
    }
    keyAdmin.finishDeletion(c, key.get());
    deletions.delete(c, s.keyId());
    return true;
  }

  private Key live(java.sql.Connection c, String vaultId, String keyId)
      throws java.sql.SQLException {
    return keys.findForUpdate(c, vaultId, keyId)
        .filter(k -> k.state() != KeyState.DELETED)
        .orElseThrow(() -> EkmError.NOT_FOUND.error("The key does not exist."));
  }

  private void deleteQuietly() {
    try {
      deleteDue();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "scheduled key deletion pass failed; next pass retries", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
