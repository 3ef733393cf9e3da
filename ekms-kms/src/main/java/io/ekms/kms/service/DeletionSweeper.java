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
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
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

  /**
   * One pass; returns how many resources were deleted. Each deletion runs in its own transaction
   * that locks the row (a version through its key, as the services do) and checks again that it is
   * still due, so a cancelDeletion acknowledged meanwhile is never undone.
   */
  public int sweep() {
    int deleted = 0;
    for (KeyVersion due : db.withConnection(c -> versions.dueForDeletion(c, clock.instant()))) {
      if (db.inTransaction(c -> deleteVersionIfDue(c, due))) {
        record("DeleteKeyVersion", new Target(due.vaultId(), due.keyId(), due.id()));
        deleted++;
      }
    }
    for (Key due : db.withConnection(c -> keys.dueForDeletion(c, clock.instant()))) {
      if (db.inTransaction(c -> deleteKeyIfDue(c, due))) {
        record("DeleteKey", new Target(due.vaultId(), due.id(), null));
        deleted++;
      }
    }
    for (Vault due : db.withConnection(c -> vaults.dueForDeletion(c, clock.instant()))) {
      if (db.inTransaction(c -> deleteVaultIfDue(c, due))) {
        record("DeleteVault", new Target(due.id(), null, null));
        deleted++;
      }
    }
    retryTokens.expire();
    return deleted;
  }

  private boolean deleteVersionIfDue(Connection c, KeyVersion due) throws SQLException {
    keys.findForUpdate(c, due.keyId());
    Optional<KeyVersion> v = versions.find(c, due.id());
    if (v.isEmpty() || !isDue(v.get().state(), v.get().timeOfDeletion())) {
      return false;
    }
    versions.update(c, deleted(v.get()));
    return true;
  }

  private boolean deleteKeyIfDue(Connection c, Key due) throws SQLException {
    Optional<Key> k = keys.findForUpdate(c, due.id());
    if (k.isEmpty() || !isDue(k.get().state(), k.get().timeOfDeletion())) {
      return false;
    }
    deleteKey(c, k.get());
    return true;
  }

  /** The vault and every key and version in it, whatever their compartment or state. */
  private boolean deleteVaultIfDue(Connection c, Vault due) throws SQLException {
    Optional<Vault> v = vaults.findForUpdate(c, due.id());
    if (v.isEmpty() || !isDue(v.get().state(), v.get().timeOfDeletion())) {
      return false;
    }
    for (Key listed : keys.listAllInVault(c, due.id())) {
      Optional<Key> k = keys.findForUpdate(c, listed.id());
      if (k.isPresent() && k.get().state() != Lifecycle.DELETED) {
        deleteKey(c, k.get());
      }
    }
    vaults.update(
        c, v.get().withState(Lifecycle.DELETED, v.get().timeOfDeletion(), clock.instant()));
    return true;
  }

  private boolean isDue(Lifecycle state, Instant deletion) {
    return state == Lifecycle.PENDING_DELETION
        && deletion != null
        && !deletion.isAfter(clock.instant());
  }

  /** The key and all its versions; the caller holds the key's row lock. */
  private void deleteKey(Connection c, Key k) throws SQLException {
    for (KeyVersion v : versions.listAll(c, k.id())) {
      if (v.state() != Lifecycle.DELETED) {
        versions.update(c, deleted(v));
      }
    }
    keys.update(
        c,
        k.withState(
            Lifecycle.DELETED, k.stateBeforeDeletion(), k.timeOfDeletion(), clock.instant()));
  }

  private KeyVersion deleted(KeyVersion v) {
    return v.withState(Lifecycle.DELETED, v.timeOfDeletion(), clock.instant());
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
