package io.ekms.kms.service;

import io.ekms.core.db.Database;
import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.KeyVersion;
import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.domain.Vault;
import io.ekms.kms.service.KmsAudit.Target;
import io.ekms.kms.store.KeyRepository;
import io.ekms.kms.store.KeyVersionRepository;
import io.ekms.kms.store.VaultRepository;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes what is due: keys, key versions and vaults whose {@code timeOfDeletion} has passed move
 * to DELETED (a vault takes its keys and versions with it), each audited as the system's act;
 * expired retry tokens are forgotten. The KMS holds only references, so nothing in the EKM is
 * touched: the customer decides what happens to the key material.
 */
public final class DeletionSweeper implements AutoCloseable {
  private static final Logger LOG = System.getLogger(DeletionSweeper.class.getName());
  private final Database db;
  private final KmsAudit audit;
  private final RetryTokens retryTokens;
  private final Clock clock;
  private final VaultRepository vaults = new VaultRepository();
  private final KeyRepository keys = new KeyRepository();
  private final KeyVersionRepository versions = new KeyVersionRepository();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("kms-sweeper").factory());

  public DeletionSweeper(Database db, KmsAudit audit, RetryTokens retryTokens, Clock clock) {
    this.db = db;
    this.audit = audit;
    this.retryTokens = retryTokens;
    this.clock = clock;
  }

  public void start(Duration interval) {
    timer.scheduleWithFixedDelay(
        this::sweepQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One pass; returns how many resources were deleted. */
  public int sweep() {
    int deleted = 0;
    for (KeyVersion v : db.withConnection(c -> versions.dueForDeletion(c, clock.instant()))) {
      db.inTransaction(
          c -> {
            versions.update(c, v.withState(Lifecycle.DELETED, v.timeOfDeletion(), clock.instant()));
            return null;
          });
      record("DeleteKeyVersion", new Target(v.vaultId(), v.keyId(), v.id()));
      deleted++;
    }
    for (Key k : db.withConnection(c -> keys.dueForDeletion(c, clock.instant()))) {
      db.inTransaction(c -> deleteKey(c, k));
      record("DeleteKey", new Target(k.vaultId(), k.id(), null));
      deleted++;
    }
    for (Vault v : db.withConnection(c -> vaults.dueForDeletion(c, clock.instant()))) {
      db.inTransaction(
          c -> {
            for (Key k :
                keys.list(
                    c,
                    v.id(),
                    v.compartmentId(),
                    io.ekms.kms.store.Page.of(null, io.ekms.kms.store.Page.MAX_LIMIT))) {
              deleteKey(c, k);
            }
            vaults.update(c, v.withState(Lifecycle.DELETED, v.timeOfDeletion(), clock.instant()));
            return null;
          });
      record("DeleteVault", new Target(v.id(), null, null));
      deleted++;
    }
    retryTokens.expire();
    return deleted;
  }

  private Object deleteKey(java.sql.Connection c, Key k) throws java.sql.SQLException {
    for (KeyVersion v :
        versions.list(
            c, k.id(), io.ekms.kms.store.Page.of(null, io.ekms.kms.store.Page.MAX_LIMIT))) {
      if (v.state() != Lifecycle.DELETED) {
        versions.update(c, v.withState(Lifecycle.DELETED, v.timeOfDeletion(), clock.instant()));
      }
    }
    keys.update(
        c,
        k.withState(
            Lifecycle.DELETED, k.stateBeforeDeletion(), k.timeOfDeletion(), clock.instant()));
    return null;
  }

  private void record(String operation, Target target) {
    audit.record(
        new Caller("system:deletion-sweeper", "sweep-" + clock.millis(), Map.of()),
        operation,
        target,
        "OK");
  }

  private void sweepQuietly() {
    try {
      int n = sweep();
      if (n > 0) {
        LOG.log(Level.INFO, "deleted " + n + " resources whose deletion time had come");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "deletion sweep failed; it runs again at the next interval", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
