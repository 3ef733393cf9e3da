package io.ekms.identity.server;

import io.ekms.core.audit.AuditSettings;
import io.ekms.core.db.DatabaseConfig;
import io.ekms.core.http.Listener;
import io.ekms.core.http.ListenerLimits;
import java.nio.file.Path;

/**
 * Builds an {@link IdentityConfig} in code (the quickstart, tests, benchmarks): every setting left
 * unset takes the same default a YAML file that leaves it out gets.
 */
public final class IdentityConfigBuilder {
  private final Path dataDir;
  private Listener api;
  private Listener admin;
  private String issuer;
  private IdentityConfig.TlsFiles tls;
  private DatabaseConfig database;
  private String masterKeyFile;
  private IdentityConfig.Tokens tokens;
  private AuditSettings audit;
  private ListenerLimits limits;

  IdentityConfigBuilder(Path dataDir) {
    this.dataDir = dataDir;
  }

  public IdentityConfigBuilder api(Listener value) {
    api = value;
    return this;
  }

  public IdentityConfigBuilder admin(Listener value) {
    admin = value;
    return this;
  }

  public IdentityConfigBuilder issuer(String value) {
    issuer = value;
    return this;
  }

  public IdentityConfigBuilder tls(IdentityConfig.TlsFiles value) {
    tls = value;
    return this;
  }

  public IdentityConfigBuilder database(DatabaseConfig value) {
    database = value;
    return this;
  }

  public IdentityConfigBuilder masterKeyFile(String value) {
    masterKeyFile = value;
    return this;
  }

  public IdentityConfigBuilder tokens(IdentityConfig.Tokens value) {
    tokens = value;
    return this;
  }

  public IdentityConfigBuilder audit(AuditSettings value) {
    audit = value;
    return this;
  }

  public IdentityConfigBuilder limits(ListenerLimits value) {
    limits = value;
    return this;
  }

  /**
   * @throws IllegalArgumentException as the configuration's own checks do
   */
  public IdentityConfig build() {
    return new IdentityConfig(
        dataDir.toString(),
        api,
        admin,
        issuer,
        tls,
        database,
        masterKeyFile,
        tokens,
        audit,
        limits);
  }
}
