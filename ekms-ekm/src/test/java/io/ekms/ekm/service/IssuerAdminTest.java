package io.ekms.ekm.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.audit.AuditLog;
import io.ekms.core.audit.AuditRecord;
import io.ekms.core.db.Database;
import io.ekms.core.db.DatabaseConfig;
import io.ekms.core.error.ApiException;
import io.ekms.ekm.domain.Issuer;
import io.ekms.ekm.domain.VaultState;
import io.ekms.testing.TempDirs;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Adding and removing trusted issuers on a real H2 store: token validation reloads after each;
 * removal is refused while a vault trusts the issuer, and audited.
 */
class IssuerAdminTest {
  private final Database db =
      Database.open(
          DatabaseConfig.h2File(TempDirs.create("remove-issuer-"), "ekm"),
          java.util.Map.of(),
          "db/ekm",
          "db/audit");
  private final AuditLog log = new AuditLog(db);
  private final AtomicInteger reloads = new AtomicInteger();
  private final IssuerAdmin admin =
      new IssuerAdmin(
          db, new AuditTrail(log, Clock.systemUTC()), Clock.systemUTC(), reloads::incrementAndGet);
  private final VaultAdmin vaults =
      new VaultAdmin(db, new AuditTrail(log, Clock.systemUTC()), Clock.systemUTC());

  @AfterEach
  void close() {
    log.close();
    db.close();
  }

  private String addIssuer(String name) {
    return admin
        .addIssuer(ctx("add-" + name), "https://" + name, "https://" + name + "/jwks", null, null)
        .id();
  }

  @Test
  void addIssuer_new_reloadsTokenValidationsIssuersAtOnce() {
    int before = reloads.get();

    addIssuer("new.example");

    assertThat(reloads.get()).isEqualTo(before + 1);
  }

  @Test
  void removeIssuer_unused_goneFromListReloadedAndAudited() {
    String kept = addIssuer("kept.example");
    String removed = addIssuer("removed.example");
    int before = reloads.get();

    admin.removeIssuer(ctx("req-remove"), removed);

    assertThat(admin.listIssuers(ctx("req-list"))).extracting(Issuer::id).containsExactly(kept);
    assertThat(reloads.get()).isEqualTo(before + 1);
    assertThat(record("req-remove"))
        .satisfies(
            r -> {
              assertThat(r.operation()).isEqualTo("RemoveIssuer");
              assertThat(r.result()).isEqualTo(AuditTrail.OK);
              assertThat(r.details()).containsEntry("issuerId", removed);
            });
  }

  @Test
  void removeIssuer_trustedByVaults_isConflictNamingTheCountAndKeepsIt() {
    String issuer = addIssuer("busy.example");
    vaults.createVault(ctx("v1"), "v1", issuer, "c1");
    String blocked = vaults.createVault(ctx("v2"), "v2", issuer, "c2").id();
    vaults.setVaultState(ctx("block"), blocked, VaultState.BLOCKED);
    int before = reloads.get();

    assertThatThrownBy(() -> admin.removeIssuer(ctx("req-busy"), issuer))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(EkmError.CONFLICT);
              assertThat(e.getMessage()).startsWith("2 vaults still trust this issuer");
            });

    assertThat(admin.listIssuers(ctx("req-list"))).extracting(Issuer::id).containsExactly(issuer);
    assertThat(reloads.get()).isEqualTo(before);
    assertThat(record("req-busy").operation()).isEqualTo("RemoveIssuer");
    assertThat(record("req-busy").result()).isEqualTo("Conflict");
  }

  @Test
  void removeIssuer_unknownOrMalformedId_isNotFoundAndAudited() {
    addIssuer("other.example");

    for (String id : new String[] {"iss-00000000000000000000000000000000", "not-an-id", null}) {
      assertThatThrownBy(() -> admin.removeIssuer(ctx("req-unknown"), id))
          .isInstanceOfSatisfying(
              ApiException.class, e -> assertThat(e.errorCode()).isEqualTo(EkmError.NOT_FOUND));
    }

    assertThat(admin.listIssuers(ctx("req-list"))).hasSize(1);
    assertThat(log.read(0, AuditLog.MAX_READ, "req-unknown"))
        .extracting(e -> e.record().operation() + " " + e.record().result())
        .containsExactly("RemoveIssuer NotFound", "RemoveIssuer NotFound", "RemoveIssuer NotFound");
  }

  private static CallContext ctx(String requestId) {
    return CallContext.admin(requestId, "admin:test");
  }

  private AuditRecord record(String requestId) {
    var entries = log.read(0, AuditLog.MAX_READ, requestId);
    assertThat(entries).hasSize(1);
    return entries.get(0).record();
  }
}
