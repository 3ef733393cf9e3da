package io.ekms.ekm.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.audit.AuditLog;
import io.ekms.core.crypto.Randoms;
import io.ekms.core.db.Database;
import io.ekms.core.db.DatabaseConfig;
import io.ekms.core.error.ApiException;
import io.ekms.ekm.backend.software.SoftwareKeyBackend;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyState;
import io.ekms.ekm.domain.KeyVersion;
import io.ekms.ekm.domain.KeyVersionState;
import io.ekms.testing.TempDirs;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Version admin on a real H2 store and software backend, with a deleted key in the middle. */
class VersionAdminTest {
  private static final CallContext ADMIN = CallContext.admin("req-versions", "admin:test");

  private final Database db =
      Database.open(
          DatabaseConfig.h2File(TempDirs.create("version-admin-"), "ekm"),
          Map.of(),
          "db/ekm",
          "db/audit");
  private final AuditLog log = new AuditLog(db);
  private final Backends backends =
      new Backends(
          List.of(new SoftwareKeyBackend(SecretBytes.adopt(Randoms.bytes(32)))),
          SoftwareKeyBackend.NAME);
  private final Clock clock = Clock.systemUTC();
  private final AuditTrail audit = new AuditTrail(log, clock);
  private final KeyAdmin keys = new KeyAdmin(db, backends, audit, clock);
  private final VersionAdmin versions = new VersionAdmin(db, backends, audit, clock);
  private String vaultId;
  private Key key;

  @BeforeEach
  void createKey() {
    VaultAdmin vaults = new VaultAdmin(db, audit, clock);
    String issuerId =
        new IssuerAdmin(db, audit, clock, () -> {})
            .addIssuer(ADMIN, "https://idp.example", "https://idp.example/jwks", null, null)
            .id();
    vaultId = vaults.createVault(ADMIN, "vault", issuerId, "client").id();
    key = keys.create(ADMIN, vaultId, "key", 256, null, null);
  }

  @AfterEach
  void close() {
    log.close();
    backends.close();
    db.close();
  }

  @Test
  void setState_destroyOldVersion_erasesItsHandleAndKeepsCurrent() {
    KeyVersion v2 = keys.rotate(ADMIN, vaultId, key.id());

    KeyVersion destroyed =
        versions.setState(
            ADMIN, vaultId, key.id(), key.currentVersionId(), KeyVersionState.DESTROYED);

    assertThat(destroyed.handle()).isNull();
    assertThat(versions.list(ADMIN, vaultId, key.id()))
        .extracting(KeyVersion::state)
        .containsExactly(KeyVersionState.DESTROYED, KeyVersionState.ACTIVE);
    assertThat(v2.number()).isEqualTo(2);
  }

  @Test
  void setState_currentVersion_isConflict() {
    assertError(
        () ->
            versions.setState(
                ADMIN, vaultId, key.id(), key.currentVersionId(), KeyVersionState.DISABLED),
        EkmError.CONFLICT);
  }

  @Test
  void listAndSetState_deletedKey_areNotFound() {
    keys.setState(ADMIN, vaultId, key.id(), KeyState.DELETED);
    String v1 = key.currentVersionId();

    assertError(() -> versions.list(ADMIN, vaultId, key.id()), EkmError.NOT_FOUND);
    assertError(
        () -> versions.setState(ADMIN, vaultId, key.id(), v1, KeyVersionState.DESTROYED),
        EkmError.NOT_FOUND);
    assertError(
        () -> versions.setState(ADMIN, vaultId, key.id(), v1, KeyVersionState.ACTIVE),
        EkmError.NOT_FOUND);
  }

  private static void assertError(ThrowingCallable call, EkmError expected) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.errorCode()).isEqualTo(expected));
  }
}
