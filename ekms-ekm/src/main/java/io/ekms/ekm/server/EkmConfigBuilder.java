package io.ekms.ekm.server;

import io.ekms.core.admin.QuorumSettings;
import io.ekms.core.audit.AuditSettings;
import io.ekms.core.db.DatabaseConfig;
import io.ekms.core.http.Listener;
import io.ekms.core.http.ListenerLimits;
import java.nio.file.Path;

/**
 * Builds an {@link EkmConfig} in code (the quickstart, tests, benchmarks): every setting left unset
 * takes the same default a YAML file that leaves it out gets.
 */
public final class EkmConfigBuilder {
  private final Path dataDir;
  private Listener api;
  private Listener admin;
  private EkmConfig.TlsFiles tls;
  private DatabaseConfig database;
  private EkmConfig.Keystore keystore;
  private EkmConfig.Tokens tokens;
  private AuditSettings audit;
  private EkmConfig.RateLimit rateLimit;
  private EkmConfig.Console console;
  private QuorumSettings quorum;
  private EkmConfig.KeyDeletion keyDeletion;
  private EkmConfig.Rotation rotation;
  private EkmConfig.Pkcs11 pkcs11;
  private String defaultBackend;
  private EkmConfig.Xks xks;
  private ListenerLimits limits;

  EkmConfigBuilder(Path dataDir) {
    this.dataDir = dataDir;
  }

  public EkmConfigBuilder api(Listener value) {
    api = value;
    return this;
  }

  public EkmConfigBuilder admin(Listener value) {
    admin = value;
    return this;
  }

  public EkmConfigBuilder tls(EkmConfig.TlsFiles value) {
    tls = value;
    return this;
  }

  public EkmConfigBuilder database(DatabaseConfig value) {
    database = value;
    return this;
  }

  public EkmConfigBuilder keystore(EkmConfig.Keystore value) {
    keystore = value;
    return this;
  }

  public EkmConfigBuilder tokens(EkmConfig.Tokens value) {
    tokens = value;
    return this;
  }

  public EkmConfigBuilder audit(AuditSettings value) {
    audit = value;
    return this;
  }

  public EkmConfigBuilder rateLimit(EkmConfig.RateLimit value) {
    rateLimit = value;
    return this;
  }

  public EkmConfigBuilder pkcs11(EkmConfig.Pkcs11 value) {
    pkcs11 = value;
    return this;
  }

  public EkmConfigBuilder defaultBackend(String value) {
    defaultBackend = value;
    return this;
  }

  public EkmConfigBuilder xks(EkmConfig.Xks value) {
    xks = value;
    return this;
  }

  public EkmConfigBuilder limits(ListenerLimits value) {
    limits = value;
    return this;
  }

  public EkmConfigBuilder keyDeletion(EkmConfig.KeyDeletion value) {
    keyDeletion = value;
    return this;
  }

  public EkmConfigBuilder quorum(QuorumSettings value) {
    quorum = value;
    return this;
  }

  public EkmConfigBuilder console(EkmConfig.Console value) {
    console = value;
    return this;
  }

  public EkmConfigBuilder rotation(EkmConfig.Rotation value) {
    rotation = value;
    return this;
  }

  /**
   * @throws IllegalArgumentException as the configuration's own checks do
   */
  public EkmConfig build() {
    return new EkmConfig(
        dataDir.toString(),
        api,
        admin,
        tls,
        database,
        keystore,
        tokens,
        audit,
        rateLimit,
        pkcs11,
        defaultBackend,
        xks,
        limits,
        console,
        rotation,
        quorum,
        keyDeletion);
  }
}
