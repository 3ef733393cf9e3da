package io.ekms.ekm.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ekms.core.audit.AuditLog;
import io.ekms.core.audit.AuditRecord;
import io.ekms.core.db.Database;
import io.ekms.core.error.ApiException;
import io.ekms.ekm.domain.Key;
import io.ekms.ekm.domain.KeyState;
import io.ekms.ekm.domain.KmsRotation;
import io.ekms.ekm.service.KeyAdmin.KeyUpdate;
import io.ekms.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A key's rotation settings through KeyAdmin.update: defaults, bounds, audit, new periods. */
class KeyAdminRotationSettingsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final ServiceBed bed = new ServiceBed("key-rotation", clock);
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
  void create_noSettings_deniesKmsRotationWithoutPeriod() {
    assertThat(key.kmsRotation()).isEqualTo(KmsRotation.DENY);
    assertThat(key.rotationPeriodDays()).isNull();
    assertThat(key.nextRotationAt()).isNull();
  }

  @Test
  void update_kmsRotationAndPeriod_storedAuditedAndDueAfterThePeriod() {
    Key changed =
        keys.update(ctx("req-set"), vaultId, key.id(), update(KmsRotation.QUORUM, true, 90));

    Key stored = keys.get(ctx("get"), vaultId, key.id());
    assertThat(stored.kmsRotation()).isEqualTo(KmsRotation.QUORUM);
    assertThat(stored.rotationPeriodDays()).isEqualTo(90);
    assertThat(stored.nextRotationAt()).isEqualTo(clock.instant().plus(Duration.ofDays(90)));
    assertThat(changed).isEqualTo(stored);
    AuditRecord r = log.read(0, AuditLog.MAX_READ, "req-set").getFirst().record();
    assertThat(r.operation()).isEqualTo("UpdateKey");
    assertThat(r.details())
        .containsEntry("oldKmsRotation", "DENY")
        .containsEntry("newKmsRotation", "QUORUM")
        .containsEntry("oldRotationPeriodDays", "null")
        .containsEntry("newRotationPeriodDays", "90");
  }

  @Test
  void update_periodNull_removesThePeriodAndKeepsTheRest() {
    keys.update(ctx("set"), vaultId, key.id(), update(KmsRotation.ALLOW, true, 30));

    Key cleared = keys.update(ctx("clear"), vaultId, key.id(), update(null, true, null));

    assertThat(cleared.rotationPeriodDays()).isNull();
    assertThat(cleared.nextRotationAt()).isNull();
    assertThat(cleared.kmsRotation()).isEqualTo(KmsRotation.ALLOW);
  }

  @Test
  void update_periodOutOfBoundsOrNothing_isInvalidRequestAndChangesNothing() {
    for (KeyUpdate bad :
        List.of(update(null, true, 0), update(null, true, 3651), update(null, false, null))) {
      assertThatThrownBy(() -> keys.update(ctx("req-bad"), vaultId, key.id(), bad))
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> assertThat(e.errorCode()).isEqualTo(EkmError.INVALID_REQUEST));
    }

    assertThat(keys.get(ctx("get"), vaultId, key.id())).isEqualTo(key);
  }

  @Test
  void rotate_keyWithPeriod_startsANewPeriodFromTheRotation() {
    keys.update(ctx("set"), vaultId, key.id(), update(null, true, 30));
    clock.advance(Duration.ofDays(10));

    keys.rotate(ctx("rotate"), vaultId, key.id());

    assertThat(keys.get(ctx("get"), vaultId, key.id()).nextRotationAt())
        .isEqualTo(clock.instant().plus(Duration.ofDays(30)));
  }

  @Test
  void update_deletedKey_isConflict() {
    keys.setState(ctx("delete"), vaultId, key.id(), KeyState.DELETED);

    assertThatThrownBy(
            () -> keys.update(ctx("u"), vaultId, key.id(), update(KmsRotation.ALLOW, false, null)))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.errorCode()).isEqualTo(EkmError.CONFLICT));
  }

  private static KeyUpdate update(KmsRotation kms, boolean periodSet, Integer days) {
    return new KeyUpdate(null, kms, periodSet, days);
  }

  private static CallContext ctx(String requestId) {
    return ServiceBed.ctx(requestId);
  }
}
