package io.ekms.kms.service;

import io.ekms.core.crypto.Randoms;
import io.ekms.core.db.Database;
import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.KeyVersion;
import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.domain.Vault;
import io.ekms.kms.service.KmsAudit.Target;
import io.ekms.kms.store.JobLeaseRepository;
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
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes what is due: keys, key versions and vaults whose {@code timeOfDeletion} has passed move
 * to DELETED (a vault takes its keys and versions with it), each audited as the system's act;
 * expired retry tokens are forgotten. The KMS holds only references, so nothing in the EKM is
 * touched: the customer decides what happens to the key material.
 *
 * <p>Several KMS nodes on one database: a scheduled pass runs only on the node holding the {@code
 * deletion-sweep} lease ({@code kms_job_leases}), which it takes when free and renews with every
 * pass; another node takes it over once it has not been renewed for {@code lease} (three sweep
 * intervals), or at once when its holder stops. Should two passes still meet (a holder paused past
 * its lease), each deletion locks its row and checks again that it is due, so nothing is deleted or
 * audited twice.
 */
public final class DeletionSweeper implements AutoCloseable {
  private static final Logger LOG = System.getLogger(DeletionSweeper.class.getName());
  private static final String JOB = "deletion-sweep";
  private final Database db;
  private final KmsAudit audit;
  private final RetryTokens retryTokens;
  private final Clock clock;
  private final VaultRepository vaults = new VaultRepository();
  private final KeyRepository keys = new KeyRepository();
  private final KeyVersionRepository versions = new KeyVersionRepository();
  private final JobLeaseRepository leases = new JobLeaseRepository();
  private final String node;
  private final Duration lease;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("kms-sweeper").factory());

  /** A sweeper named by a random node id, whose lease lasts three minutes. */
  public DeletionSweeper(Database db, KmsAudit audit, RetryTokens retryTokens, Clock clock) {
    this(db, audit, retryTokens, clock, "kms-" + Randoms.hex(8), Duration.ofMinutes(3));
  }

  /** {@code node}: who holds the lease (1 to 128 characters); {@code lease}: how long it lasts. */
  public DeletionSweeper(
      Database db,
      KmsAudit audit,
      RetryTokens retryTokens,
      Clock clock,
      String node,
      Duration lease) {
    if (node.isEmpty() || node.length() > 128 || lease.toMillis() < 1) {
      throw new IllegalArgumentException("node must be 1 to 128 characters, lease positive");
    }
    this.db = db;
    this.audit = audit;
    this.retryTokens = retryTokens;
    this.clock = clock;
    this.node = node;
    this.lease = lease;
  }

  /** Runs {@link #sweepIfLeased} every {@code interval} (the lease should span several). */
  public void start(Duration interval) {
    timer.scheduleWithFixedDelay(
        this::sweepQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * One pass if this node holds the lease (taking it when free, renewing it when held): how many
   * resources were deleted, or empty when another node holds the lease.
   */
  public OptionalInt sweepIfLeased() {
    long now = clock.millis();
    boolean held = db.inTransaction(c -> leases.take(c, JOB, node, now, now + lease.toMillis()));
    return held ? OptionalInt.of(sweep()) : OptionalInt.empty();
  }

  /**
   * One pass, lease or not; returns how many resources were deleted. Each deletion runs in its own
   * transaction that locks the row (a version through its key, as the services do) and checks again
   * that it is still due, so a cancelDeletion acknowledged meanwhile is never undone.
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
      int n = sweepIfLeased().orElse(0);
      if (n > 0) {
        LOG.log(Level.INFO, "deleted " + n + " resources whose deletion time had come");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "deletion sweep failed; it runs again at the next interval", e);
    }
  }

  /** Stops the passes and lets the lease go, so another node takes over at its next pass. */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      db.inTransaction(
          c -> {
            leases.release(c, JOB, node);
            return null;
          });
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not release the deletion-sweep lease; it expires by itself", e);
    }
  }
}
