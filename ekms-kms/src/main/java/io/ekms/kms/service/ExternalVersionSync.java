package io.ekms.kms.service;

import io.ekms.core.crypto.Randoms;
import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.KeyVersion;
import io.ekms.kms.domain.Lifecycle;
import io.ekms.kms.domain.PrivateEndpoint;
import io.ekms.kms.domain.Vault;
import io.ekms.kms.external.ExternalVault;
import io.ekms.kms.service.KmsAudit.Target;
import io.ekms.kms.store.JobLeaseRepository;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Records the versions EKMs made by themselves (a crypto period ran out, a rotation was approved by
 * the EKM's admins): for every ENABLED key it asks the EKM for the key's current version
 * (GetKeyMetadata) and, when the KMS has not recorded that version yet, records it as the key's new
 * current version, audited as CreateKeyVersion by {@code system:version-sync}. The EKM cannot call
 * the KMS, so the KMS asks; one pass per interval on the node holding the {@code
 * external-version-sync} lease (as the deletion sweep). A key whose EKM fails is skipped and asked
 * again at the next pass.
 */
public final class ExternalVersionSync implements AutoCloseable {
  private static final Logger LOG = System.getLogger(ExternalVersionSync.class.getName());
  private static final String JOB = "external-version-sync";
  private static final int PAGE = 200;
  private final KeyManagement mgmt;
  private final VersionRecorder recorder;
  private final JobLeaseRepository leases = new JobLeaseRepository();
  private final String node = "kms-" + Randoms.hex(8);
  private final Duration lease;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofVirtual().name("kms-version-sync").factory());

  /** {@code lease}: how long a pass may hold the job before another node takes it over. */
  public ExternalVersionSync(KeyManagement mgmt, Duration lease) {
    this.mgmt = mgmt;
    this.recorder = new VersionRecorder(mgmt);
    this.lease = lease;
  }

  /** Runs {@link #syncIfLeased} every {@code interval}. */
  public void start(Duration interval) {
    timer.scheduleWithFixedDelay(
        this::syncQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One pass if this node holds the lease: how many versions it recorded; empty otherwise. */
  public OptionalInt syncIfLeased() {
    long now = mgmt.clock().millis();
    boolean held =
        mgmt.resources()
            .db
            .inTransaction(c -> leases.take(c, JOB, node, now, now + lease.toMillis()));
    return held ? OptionalInt.of(sync()) : OptionalInt.empty();
  }

  /** One pass over every ENABLED key, lease or not; how many versions it recorded. */
  public int sync() {
    int recorded = 0;
    String after = "";
    while (true) {
      String from = after;
      List<Key> page =
          mgmt.resources()
              .db
              .withConnection(c -> mgmt.resources().keys.enabledAfter(c, from, PAGE));
      for (Key key : page) {
        if (syncOne(key)) {
          recorded++;
        }
      }
      if (page.size() < PAGE) {
        return recorded;
      }
      after = page.get(page.size() - 1).id();
    }
  }

  private boolean syncOne(Key key) {
    Caller caller = new Caller("system:version-sync", "version-sync-" + Randoms.hex(8), Map.of());
    try {
      Vault vault = mgmt.resources().vault(key.vaultId());
      if (vault.state() != Lifecycle.ACTIVE) {
        return false;
      }
      PrivateEndpoint endpoint = mgmt.resources().endpoint(vault.privateEndpointId());
      ExternalVault ekm =
          mgmt.externalVaults().forVault(vault, () -> endpoint, mgmt.sealer()::open);
      String current = ekm.key(caller.requestId(), key.externalKeyId()).currentVersionId();
      if (current == null || recorder.known(key, current)) {
        return false;
      }
      KeyVersion v =
          mgmt.audit()
              .run(
                  caller,
                  "CreateKeyVersion",
                  new Target(key.vaultId(), key.id(), null),
                  x -> new Target(key.vaultId(), key.id(), x.id()),
                  () -> recorder.record(ekm, caller.requestId(), key, current));
      LOG.log(Level.INFO, "recorded the EKM's new version of key " + key.id() + " as " + v.id());
      return true;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not sync key " + key.id() + "; asked again next pass: " + e);
      return false;
    }
  }

  private void syncQuietly() {
    try {
      syncIfLeased();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the version sync failed; it runs again at the next interval", e);
    }
  }

  /** Stops the passes and lets the lease go. */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      mgmt.resources()
          .db
          .inTransaction(
              c -> {
                leases.release(c, JOB, node);
                return null;
              });
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not release the version-sync lease; it expires by itself", e);
    }
  }
}
