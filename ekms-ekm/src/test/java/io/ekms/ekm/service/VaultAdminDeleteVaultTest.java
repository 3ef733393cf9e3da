package io.ekms.ekm.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.audit.AuditLog;
import io.ekms.core.audit.AuditRecord;
import io.ekms.core.crypto.Randoms;
import io.ekms.core.db.Database;
import io.ekms.core.db.DatabaseConfig;
import io.ekms.core.error.ApiException;
import io.ekms.ekm.auth.xks.SecretSealer;
import io.ekms.ekm.backend.software.SoftwareKeyBackend;
import io.ekms.ekm.domain.KeyState;
import io.ekms.ekm.domain.Vault;
import io.ekms.ekm.domain.policy.PolicyEffect;
import io.ekms.ekm.domain.policy.PolicyScope;
import io.ekms.ekm.domain.xks.XksKeyStore.ExposedKey;
import io.ekms.ekm.domain.xks.XksUsage;
import io.ekms.testing.TempDirs;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deleting a vault on a real H2 store: refused, naming how many, while it holds a key that is not
 * deleted, an exposure of one of its keys or a policy; otherwise gone with its deleted keys and
 * their versions in one transaction, and audited.
 */
class VaultAdminDeleteVaultTest {
  private final Database db =
      Database.open(
          DatabaseConfig.h2File(TempDirs.create("delete-vault-"), "ekm"),
          Map.of(),
          "db/ekm",
          "db/audit");
  private final AuditLog log = new AuditLog(db);
  private final Clock clock = Clock.systemUTC();
  private final AuditTrail audit = new AuditTrail(log, clock);
  private final Backends backends =
      new Backends(
          List.of(new SoftwareKeyBackend(SecretBytes.adopt(Randoms.bytes(32)))),
          SoftwareKeyBackend.NAME);
  private final VaultAdmin vaults = new VaultAdmin(db, audit, clock);
  private final KeyAdmin keys = new KeyAdmin(db, backends, audit, clock);
  private final PolicyAdmin policies = new PolicyAdmin(db, audit, clock);
  private String issuerId;

  @BeforeEach
  void trustIssuer() {
    issuerId =
        new IssuerAdmin(db, audit, clock, () -> {})
            .addIssuer(ctx("issuer"), "https://idp.example", "https://idp.example/jwks", null, null)
            .id();
  }

  @AfterEach
  void close() {
    log.close();
    backends.close();
    db.close();
  }

  private String vault(String name) {
    return vaults.createVault(ctx("vault-" + name), name, issuerId, "client-" + name).id();
  }

  @Test
  void deleteVault_onlyDeletedKeys_goneWithTheirVersionsOthersKeptAudited() {
    String doomed = vault("doomed");
    String keyId = keys.create(ctx("k1"), doomed, "k1", 256, null, null).id();
    keys.rotate(ctx("rotate"), doomed, keyId);
    keys.setState(ctx("delete-key"), doomed, keyId, KeyState.DELETED);
    String kept = vault("kept");
    String keptKey = keys.create(ctx("k2"), kept, "k2", 256, null, null).id();

    vaults.deleteVault(ctx("req-delete"), doomed);

    assertThat(vaults.listVaults(ctx("list"))).extracting(Vault::id).containsExactly(kept);
    assertThat(count("SELECT COUNT(*) FROM ekm_keys WHERE vault_id = '" + doomed + "'")).isZero();
    assertThat(count("SELECT COUNT(*) FROM ekm_key_versions WHERE key_id = '" + keyId + "'"))
        .isZero();
    assertThat(keys.get(ctx("get"), kept, keptKey).state()).isEqualTo(KeyState.ACTIVE);
    AuditRecord r = record("req-delete");
    assertThat(r.operation()).isEqualTo("DeleteVault");
    assertThat(r.result()).isEqualTo(AuditTrail.OK);
    assertThat(r.vault()).isEqualTo(doomed);
    assertError(() -> vaults.getVault(ctx("get-gone"), doomed), EkmError.NOT_FOUND);
  }

  @Test
  void deleteVault_emptyVault_isDeleted() {
    String empty = vault("empty");

    vaults.deleteVault(ctx("req-delete"), empty);

    assertThat(vaults.listVaults(ctx("list"))).isEmpty();
  }

  @Test
  void deleteVault_whileItHoldsThem_isConflictNamingEachCountUntilAllAreGone() {
    String v = vault("busy");
    String exposed = keys.create(ctx("k1"), v, "k1", 256, null, null).id();
    keys.create(ctx("k2"), v, "k2", 256, null, null);
    XksAdmin xks =
        new XksAdmin(
            db,
            new SecretSealer(SecretBytes.adopt(Randoms.bytes(32))),
            new XksDirectory(db),
            audit,
            clock);
    String store = xks.createStore(ctx("store"), "ks", "aws/ks", 0).id();
    xks.putKey(ctx("expose"), store, new ExposedKey("orders", v, exposed, XksUsage.NONE));
    String onVault = policy("on-vault", PolicyScope.VAULT, v);
    String onKey = policy("on-key", PolicyScope.KEY, exposed);

    assertThat(refusal(v))
        .isEqualTo(
            "The vault still has 2 keys that are not deleted, 1 key exposed in an XKS or Google"
                + " key store and 2 key-access policies attached; it can be deleted only without"
                + " them.");
    for (var key : keys.list(ctx("list"), v)) {
      keys.setState(ctx("delete-key"), v, key.id(), KeyState.DELETED);
    }
    assertThat(refusal(v))
        .isEqualTo(
            "The vault still has 1 key exposed in an XKS or Google key store and 2 key-access"
                + " policies attached; it can be deleted only without them.");
    xks.removeKey(ctx("unexpose"), store, "orders");
    policies.delete(ctx("policy-gone"), onVault);
    assertThat(refusal(v))
        .isEqualTo(
            "The vault still has 1 key-access policy attached; it can be deleted only without"
                + " them.");
    policies.delete(ctx("policy-gone"), onKey);

    vaults.deleteVault(ctx("req-delete"), v);

    assertThat(vaults.listVaults(ctx("list"))).isEmpty();
    assertThat(log.read(0, AuditLog.MAX_READ, "req-busy"))
        .extracting(e -> e.record().operation() + " " + e.record().result())
        .containsExactly("DeleteVault Conflict", "DeleteVault Conflict", "DeleteVault Conflict");
  }

  @Test
  void deleteVault_unknownOrMalformedId_isNotFoundAndAudited() {
    String kept = vault("kept");

    for (String id : new String[] {"vlt-00000000000000000000000000000000", "bogus", null}) {
      assertError(() -> vaults.deleteVault(ctx("req-unknown"), id), EkmError.NOT_FOUND);
    }

    assertThat(vaults.listVaults(ctx("list"))).extracting(Vault::id).containsExactly(kept);
    assertThat(log.read(0, AuditLog.MAX_READ, "req-unknown"))
        .extracting(e -> e.record().operation() + " " + e.record().result())
        .containsExactly("DeleteVault NotFound", "DeleteVault NotFound", "DeleteVault NotFound");
  }

  private String policy(String name, PolicyScope scope, String scopeId) {
    return policies
        .create(
            ctx("policy-" + name),
            new PolicyAdmin.NewPolicy(name, scope, scopeId, PolicyEffect.DENY, "false"))
        .id();
  }

  /** The message of the 409 Conflict deleting vault {@code vaultId} is refused with. */
  private String refusal(String vaultId) {
    try {
      vaults.deleteVault(ctx("req-busy"), vaultId);
    } catch (ApiException e) {
      assertThat(e.errorCode()).isEqualTo(EkmError.CONFLICT);
      assertThat(vaults.getVault(ctx("still-there"), vaultId).id()).isEqualTo(vaultId);
      return e.getMessage();
    }
    throw new AssertionError("the vault was deleted");
  }

  private static CallContext ctx(String requestId) {
    return CallContext.admin(requestId, "admin:test");
  }

  private static void assertError(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, EkmError expected) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.errorCode()).isEqualTo(expected));
  }

  private AuditRecord record(String requestId) {
    var entries = log.read(0, AuditLog.MAX_READ, requestId);
    assertThat(entries).hasSize(1);
    return entries.get(0).record();
  }

  private long count(String query) {
    return db.withConnection(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(query);
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }
}
