package io.ekms.ekm.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.common.secret.SecretBytes;
import io.ekms.core.audit.AuditLog;
import io.ekms.core.crypto.Randoms;
import io.ekms.core.db.Database;
import io.ekms.core.db.DatabaseConfig;
import io.ekms.core.error.ApiException;
import io.ekms.ekm.auth.xks.SecretSealer;
import io.ekms.ekm.backend.software.SoftwareKeyBackend;
import io.ekms.ekm.domain.policy.PolicyEffect;
import io.ekms.ekm.domain.policy.PolicyScope;
import io.ekms.ekm.domain.xks.XksKeyStore;
import io.ekms.ekm.domain.xks.XksKeyStore.ExposedKey;
import io.ekms.ekm.domain.xks.XksUsage;
import io.ekms.testing.TempDirs;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deleting an XKS key store on a real H2 store: its credentials and exposed keys go with it in one
 * transaction, the EKM key stays, and this node's directory forgets it at once.
 */
class XksAdminDeleteStoreTest {
  private static final String AKID = "AKIAEKMSXKSTESTONE234";
  private static final String SECRET = "c2VjcmV0LW9uZS1mb3ItdGhlLXhrcy1wcm94eS10ZXN0cw==";

  private final Database db =
      Database.open(
          DatabaseConfig.h2File(TempDirs.create("xks-delete-"), "ekm"),
          Map.of(),
          "db/ekm",
          "db/audit");
  private final AuditLog log = new AuditLog(db);
  private final Clock clock = Clock.systemUTC();
  private final AuditTrail audit = new AuditTrail(log, clock);
  private final XksDirectory directory = new XksDirectory(db);
  private final XksAdmin admin =
      new XksAdmin(
          db, new SecretSealer(SecretBytes.adopt(Randoms.bytes(32))), directory, audit, clock);
  private final Backends backends =
      new Backends(
          java.util.List.of(new SoftwareKeyBackend(SecretBytes.adopt(Randoms.bytes(32)))),
          SoftwareKeyBackend.NAME);
  private String vaultId;
  private String keyId;
  private String storeId;

  @BeforeEach
  void createStore() {
    VaultAdmin vaults = new VaultAdmin(db, audit, clock);
    String issuerId =
        new IssuerAdmin(db, audit, clock, () -> {})
            .addIssuer(ctx("issuer"), "https://idp.example", "https://idp.example/jwks", null, null)
            .id();
    vaultId = vaults.createVault(ctx("vault"), "vault", issuerId, "client").id();
    keyId =
        new KeyAdmin(db, backends, audit, clock)
            .create(ctx("k"), vaultId, "k", 256, null, null)
            .id();
    storeId = admin.createStore(ctx("create"), "ks1", "aws/ks1", 0).id();
    try (SecretBytes secret = SecretBytes.adopt(SECRET.getBytes(StandardCharsets.US_ASCII))) {
      admin.addCredential(ctx("cred"), storeId, AKID, secret);
    }
    admin.putKey(
        ctx("key"), storeId, new ExposedKey("orders", vaultId, keyId, XksUsage.ENCRYPT_DECRYPT));
    assertThat(directory.byPath("/aws/ks1/kms/xks/v1/health")).isPresent();
  }

  @AfterEach
  void close() {
    log.close();
    backends.close();
    db.close();
  }

  @Test
  void deleteStore_withCredentialAndKey_goneEverywhereKeyStaysAudited() {
    admin.deleteStore(ctx("req-delete"), storeId);

    assertThat(admin.list(ctx("list"))).isEmpty();
    assertThat(directory.byPath("/aws/ks1/kms/xks/v1/health")).isEmpty();
    assertThat(count("SELECT COUNT(*) FROM ekm_xks_credentials")).isZero();
    assertThat(count("SELECT COUNT(*) FROM ekm_xks_keys")).isZero();
    assertThat(count("SELECT COUNT(*) FROM ekm_keys WHERE id = '" + keyId + "'")).isEqualTo(1);
    assertThat(
            count(
                "SELECT COUNT(*) FROM ekm_key_versions WHERE state = 'ACTIVE' AND handle IS NOT NULL"))
        .isEqualTo(1);
    var records = log.read(0, AuditLog.MAX_READ, "req-delete");
    assertThat(records)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.record().operation()).isEqualTo("XksDeleteKeyStore");
              assertThat(e.record().result()).isEqualTo(AuditTrail.OK);
              assertThat(e.record().details()).containsEntry("storeId", storeId);
            });
  }

  @Test
  void deleteStore_unknownOrMalformedId_isNotFoundAndKeepsTheStore() {
    for (String id : new String[] {"xks-00000000000000000000000000000000", "bogus", null}) {
      assertError(() -> admin.deleteStore(ctx("req-unknown"), id), EkmError.NOT_FOUND);
    }

    assertThat(admin.list(ctx("list"))).extracting(XksKeyStore::id).containsExactly(storeId);
    assertThat(log.read(0, AuditLog.MAX_READ, "req-unknown"))
        .extracting(e -> e.record().operation() + " " + e.record().result())
        .containsOnly("XksDeleteKeyStore NotFound")
        .hasSize(3);
  }

  @Test
  void deleteStore_withPolicyAttached_isConflictAndDeletesNothing() {
    new PolicyAdmin(db, audit, clock)
        .create(
            ctx("policy"),
            new PolicyAdmin.NewPolicy(
                "p", PolicyScope.XKS_KEY_STORE, storeId, PolicyEffect.DENY, "false"));

    assertThatThrownBy(() -> admin.deleteStore(ctx("req-policy"), storeId))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(EkmError.CONFLICT);
              assertThat(e.getMessage()).startsWith("1 key-access policy is attached");
            });

    assertThat(admin.list(ctx("list")))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.credentials()).hasSize(1);
              assertThat(s.keys()).hasSize(1);
            });
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
