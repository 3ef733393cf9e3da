package io.ekms.kms.server;

import io.ekms.core.admin.QuorumSettings;
import io.ekms.core.audit.AuditSettings;
import io.ekms.core.db.DatabaseConfig;
import io.ekms.core.http.Listener;
import io.ekms.core.http.ListenerLimits;
import java.nio.file.Path;

/**
 * Builds a {@link KmsConfig} in code (the quickstart, tests, benchmarks): every setting left unset
 * takes the same default a YAML file that leaves it out gets.
 */
public final class KmsConfigBuilder {
  private QuorumSettings quorum;

  private final Path dataDir;
  private Listener api;
  private Listener admin;
  private String publicUrl;
  private KmsConfig.TlsFiles tls;
  private DatabaseConfig database;
  private String masterKeyFile;
  private KmsConfig.Ekm ekm;
  private AuditSettings audit;
  private Integer sweepIntervalSeconds;
  private Integer versionSyncIntervalSeconds;
  private KmsConfig.Egress egress;
  private KmsConfig.RateLimit rateLimit;
  private ListenerLimits limits;

  KmsConfigBuilder(Path dataDir) {
    this.dataDir = dataDir;
  }

  public KmsConfigBuilder api(Listener value) {
    api = value;
    return this;
  }

  public KmsConfigBuilder admin(Listener value) {
    admin = value;
    return this;
  }

  public KmsConfigBuilder publicUrl(String value) {
    publicUrl = value;
    return this;
  }

  public KmsConfigBuilder tls(KmsConfig.TlsFiles value) {
    tls = value;
    return this;
  }

  public KmsConfigBuilder database(DatabaseConfig value) {
    database = value;
    return this;
  }

  public KmsConfigBuilder masterKeyFile(String value) {
    masterKeyFile = value;
    return this;
  }

  public KmsConfigBuilder ekm(KmsConfig.Ekm value) {
    ekm = value;
    return this;
  }

  /** The EKM client's timeouts, keeping the identity CA files already set. */
  public KmsConfigBuilder ekmTimeouts(int connectMillis, int readMillis) {
    ekm = new KmsConfig.Ekm(connectMillis, readMillis, ekm == null ? null : ekm.identityCaFiles());
    return this;
  }

  public KmsConfigBuilder audit(AuditSettings value) {
    audit = value;
    return this;
  }

  /** How often one node records the versions EKMs made by themselves (0: never; default 300). */
  public KmsConfigBuilder versionSyncIntervalSeconds(Integer value) {
    versionSyncIntervalSeconds = value;
    return this;
  }

  public KmsConfigBuilder sweepIntervalSeconds(Integer value) {
    sweepIntervalSeconds = value;
    return this;
  }

  public KmsConfigBuilder egress(KmsConfig.Egress value) {
    egress = value;
    return this;
  }

  public KmsConfigBuilder rateLimit(KmsConfig.RateLimit value) {
    rateLimit = value;
    return this;
  }

  public KmsConfigBuilder limits(ListenerLimits value) {
    limits = value;
    return this;
  }

  public KmsConfigBuilder quorum(QuorumSettings value) {
    quorum = value;
    return this;
  }

  /**
   * @throws IllegalArgumentException as the configuration's own checks do
   */
  public KmsConfig build() {
    return new KmsConfig(
        dataDir.toString(),
        api,
        admin,
        publicUrl,
        tls,
        database,
        masterKeyFile,
        ekm,
        audit,
        sweepIntervalSeconds,
        egress,
        rateLimit,
        limits,
        versionSyncIntervalSeconds,
        quorum);
  }
}
