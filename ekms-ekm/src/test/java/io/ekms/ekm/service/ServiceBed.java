package io.ekms.ekm.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.audit.AuditLog;
import io.ekms.core.audit.AuditRecord;
import io.ekms.core.crypto.Randoms;
import io.ekms.core.db.Database;
import io.ekms.core.db.DatabaseConfig;
import io.ekms.ekm.backend.software.SoftwareKeyBackend;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.server.EkmInit;
import io.ekms.testing.TempDirs;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The EKM's services on a real H2 store, for service tests: audit log and trail, a software
 * backend, key administration, and one trusted issuer with one vault ({@link #vaultId}).
 */
final class ServiceBed implements AutoCloseable {
  final Database db;
  final AuditLog log;
  final Clock clock;
  final AuditTrail audit;
  final Backends backends =
      new Backends(
          List.of(new SoftwareKeyBackend(SecretBytes.adopt(Randoms.bytes(32)))),
          SoftwareKeyBackend.NAME);
  final KeyAdmin keys;
  final String vaultId;

  ServiceBed(String name, Clock clock) {
    this.db =
        Database.open(
            DatabaseConfig.h2File(TempDirs.create(name + "-"), "ekm"),
            Map.of(),
            EkmInit.MIGRATIONS);
    this.log = new AuditLog(db);
    this.clock = clock;
    this.audit = new AuditTrail(log, clock);
    this.keys = new KeyAdmin(db, backends, audit, clock);
    String issuerId =
        new IssuerAdmin(db, audit, clock, () -> {})
            .addIssuer(ctx("issuer"), "https://idp.example", "https://idp.example/jwks", null, null)
            .id();
    this.vaultId =
        new VaultAdmin(db, audit, clock)
            .createVault(ctx("vault"), "vault", issuerId, "client")
            .id();
  }

  /** A new AES-256 key of the vault. */
  Key key(String name) {
    return keys.create(ctx("key-" + name), vaultId, name, 256, null, null);
  }

  static CallContext ctx(String requestId) {
    return CallContext.admin(requestId, "admin:test");
  }

  /** The one record of {@code requestId}. */
  AuditRecord record(String requestId) {
    var entries = log.read(0, AuditLog.MAX_READ, requestId);
    assertThat(entries).hasSize(1);
    return entries.get(0).record();
  }

  @Override
  public void close() {
    log.close();
    backends.close();
    db.close();
  }
}
