package io.ekms.ekm.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.audit.AuditLog;
import io.ekms.core.audit.AuditRecord;
import io.ekms.core.db.Database;
import io.ekms.core.error.ApiException;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyOp;
import io.ekms.ekm.domain.KeyState;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Changing a key's allowed operations on a real H2 store: stored, audited old and new, checked. */
class KeyAdminSetOpsTest {
  private final Clock clock = Clock.systemUTC();
  private final ServiceBed bed = new ServiceBed("key-ops", clock);
  private final Database db = bed.db;
  private final AuditLog log = bed.log;
  private final AuditTrail audit = bed.audit;
  private final KeyAdmin keys = bed.keys;
  private final String vaultId = bed.vaultId;
  private Key key;

  @BeforeEach
  void createKey() {
    key = bed.key("k");
  }

  @AfterEach
  void close() {
    bed.close();
  }

  @Test
  void setOps_decryptOnly_storedAnsweredAndAuditedWithOldAndNew() {
    Key changed = keys.setOps(ctx("req-ops"), vaultId, key.id(), EnumSet.of(KeyOp.DECRYPT));

    assertThat(changed.ops()).containsExactly(KeyOp.DECRYPT);
    assertThat(changed.state()).isEqualTo(KeyState.ACTIVE);
    assertThat(changed.currentVersionId()).isEqualTo(key.currentVersionId());
    assertThat(keys.get(ctx("get"), vaultId, key.id()).ops()).containsExactly(KeyOp.DECRYPT);
    AuditRecord r = record("req-ops");
    assertThat(r.operation()).isEqualTo("UpdateKey");
    assertThat(r.result()).isEqualTo(AuditTrail.OK);
    assertThat(r.vault()).isEqualTo(vaultId);
    assertThat(r.key()).isEqualTo(key.id());
    assertThat(r.details())
        .containsEntry("oldOps", "DECRYPT,ENCRYPT")
        .containsEntry("newOps", "DECRYPT");
  }

  @Test
  void setOps_disabledKey_changesOpsAndKeepsItDisabled() {
    keys.setState(ctx("disable"), vaultId, key.id(), KeyState.DISABLED);

    Key changed = keys.setOps(ctx("req-ops"), vaultId, key.id(), Set.of(KeyOp.ENCRYPT));

    assertThat(changed.state()).isEqualTo(KeyState.DISABLED);
    assertThat(changed.ops()).containsExactly(KeyOp.ENCRYPT);
  }

  @Test
  void setOps_emptyOrMissing_isInvalidRequestNamingTheFieldAndKeepsOps() {
    for (Set<KeyOp> none : java.util.Arrays.asList(Set.<KeyOp>of(), null)) {
      assertThatThrownBy(() -> keys.setOps(ctx("req-empty"), vaultId, key.id(), none))
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.errorCode()).isEqualTo(EkmError.INVALID_REQUEST);
                assertThat(e.getMessage()).startsWith("Field 'ops' must hold");
              });
    }

    assertThat(keys.get(ctx("get"), vaultId, key.id()).ops())
        .containsExactlyInAnyOrder(KeyOp.ENCRYPT, KeyOp.DECRYPT);
    assertThat(log.read(0, AuditLog.MAX_READ, "req-empty"))
        .extracting(e -> e.record().operation() + " " + e.record().result())
        .containsExactly("UpdateKey InvalidRequest", "UpdateKey InvalidRequest");
  }

  @Test
  void setOps_deletedKey_isConflictAndAudited() {
    keys.setState(ctx("delete"), vaultId, key.id(), KeyState.DELETED);

    assertThatThrownBy(
            () -> keys.setOps(ctx("req-deleted"), vaultId, key.id(), Set.of(KeyOp.ENCRYPT)))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.errorCode()).isEqualTo(EkmError.CONFLICT));

    assertThat(record("req-deleted").result()).isEqualTo("Conflict");
  }

  @Test
  void setOps_unknownKeyOrOtherVault_isNotFound() {
    String otherVault = "vlt-00000000000000000000000000000000";
    String unknownKey = "key-00000000000000000000000000000000";

    for (String[] ids : new String[][] {{vaultId, unknownKey}, {otherVault, key.id()}}) {
      assertThatThrownBy(
              () -> keys.setOps(ctx("req-unknown"), ids[0], ids[1], Set.of(KeyOp.ENCRYPT)))
          .isInstanceOfSatisfying(
              ApiException.class, e -> assertThat(e.errorCode()).isEqualTo(EkmError.NOT_FOUND));
    }

    assertThat(keys.get(ctx("get"), vaultId, key.id()).ops()).hasSize(2);
  }

  private static CallContext ctx(String requestId) {
    return ServiceBed.ctx(requestId);
  }

  private AuditRecord record(String requestId) {
    return bed.record(requestId);
  }
}
