package io.ekms.ekm.service;

import io.ekms.core.db.Database;
import io.ekms.core.error.ApiException;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyVersion;
import io.ekms.ekm.service.AuditTrail.Target;
import io.ekms.ekm.store.KeyRepository;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Rotates the keys whose crypto period ({@code rotationPeriodDays}) has run out
 * (docs/operations.md, Rotation). Every EKM node runs a pass every interval; several nodes on one
 * database rotate a due key exactly once, because a rotation records its new version only in the
 * transaction whose conditional UPDATE of the key's {@code next_rotation_at} (from the due time it
 * read) changed the row: another node's UPDATE then finds the due time gone, and its new material
 * is destroyed unrecorded. No in-memory lock, no lease. Each rotation is audited as RotateKey by
 * {@code system:crypto-period}; a failed one stays due and is tried again at the next pass.
 */
public final class CryptoPeriods implements AutoCloseable {
  private static final Logger LOG = System.getLogger(CryptoPeriods.class.getName());
  private static final String CALLER = "system:crypto-period";
  private static final int BATCH = 1000;
  private final Database db;
  private final Rotator rotator;
  private final AuditTrail audit;
  private final Clock clock;
  private final KeyRepository keys = new KeyRepository();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofVirtual().name("ekm-crypto-periods").factory());

  public CryptoPeriods(Database db, Backends backends, AuditTrail audit, Clock clock) {
    this.db = db;
    this.rotator = new Rotator(db, backends, clock);
    this.audit = audit;
    this.clock = clock;
  }

  /** Runs {@link #rotateDue} every {@code interval}. */
  public void start(Duration interval) {
    timer.scheduleWithFixedDelay(
        this::rotateQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * One pass: rotates the keys due now (at most {@value #BATCH}, the longest overdue first; the
   * rest at the next pass) that no other node rotated first; how many it rotated.
   */
  public int rotateDue() {
    Instant now = clock.instant();
    int rotated = 0;
    for (Key key : db.withConnection(c -> keys.dueForRotation(c, now, BATCH))) {
      if (rotateOne(key)) {
        rotated++;
      }
    }
    return rotated;
  }

  /** True when this node rotated {@code key}; false when another did first or it failed. */
  private boolean rotateOne(Key key) {
    Instant due = key.nextRotationAt();
    CallContext ctx =
        new CallContext("crypto-period-" + key.id() + "-" + due.toEpochMilli(), CALLER, null, null);
    Target target = new Target(key.vaultId(), key.id(), null);
    try {
      KeyVersion v =
          rotator.rotate(
              key.vaultId(),
              key.id(),
              (c, locked) -> {
                Instant next = clock.instant().plus(Duration.ofDays(key.rotationPeriodDays()));
                if (!keys.claimRotation(c, key.id(), due, next)) {
                  throw new Claimed();
                }
              });
      ctx.mark().note(Map.of("rotationPeriodDays", String.valueOf(key.rotationPeriodDays())));
      audit.record(ctx, "RotateKey", new Target(key.vaultId(), key.id(), v.id()), AuditTrail.OK);
      return true;
    } catch (Claimed e) {
      return false;
    } catch (RuntimeException e) {
      String code =
          e instanceof ApiException a ? a.errorCode().code() : EkmError.INTERNAL_ERROR.code();
      LOG.log(Level.WARNING, "periodic rotation of key " + key.id() + " failed; it stays due", e);
      try {
        audit.record(ctx, "RotateKey", target, code);
      } catch (RuntimeException auditFailure) {
        LOG.log(Level.WARNING, "the failed rotation of key " + key.id() + " was not audited");
      }
      return false;
    }
  }

  /** Another node claimed the period first. */
  private static final class Claimed extends RuntimeException {
    Claimed() {
      super(null, null, false, false);
    }
  }

  private void rotateQuietly() {
    try {
      int n = rotateDue();
      if (n > 0) {
        LOG.log(Level.INFO, "rotated " + n + " keys whose crypto period had run out");
      }
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING, "the crypto-period pass failed; it runs again at the next interval", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
