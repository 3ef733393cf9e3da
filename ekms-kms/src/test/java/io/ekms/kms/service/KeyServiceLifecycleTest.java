package io.ekms.kms.service;

import static io.ekms.kms.service.Refusals.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;

import io.ekms.kms.domain.Key;
import io.ekms.kms.domain.Lifecycle;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Enable, disable, scheduleDeletion and cancelDeletion of keys, with if-match. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyServiceLifecycleTest {
  private final ServiceBed bed = new ServiceBed();
  private Key key;

  @BeforeEach
  void reset() {
    bed.reset();
    key = bed.key().key();
    bed.clock.advance(Duration.ofSeconds(1));
  }

  @AfterAll
  void close() {
    bed.close();
  }

  @Test
  void disableThenEnable_movesBetweenEnabledAndDisabled() {
    assertThat(disable().state()).isEqualTo(Lifecycle.DISABLED);
    assertThat(bed.keys.get(bed.caller(), key.vaultId(), key.id()).state())
        .isEqualTo(Lifecycle.DISABLED);

    assertThat(enable().state()).isEqualTo(Lifecycle.ENABLED);
  }

  @Test
  void disable_alreadyDisabled_isUnchanged() {
    Key once = disable();
    bed.clock.advance(Duration.ofSeconds(1));

    assertThat(disable()).isEqualTo(once);
  }

  @Test
  void scheduleDeletion_noTime_isThirtyDaysAheadAndRemembersTheState() {
    disable();

    Key pending = schedule(null);

    assertThat(pending.state()).isEqualTo(Lifecycle.PENDING_DELETION);
    assertThat(pending.stateBeforeDeletion()).isEqualTo(Lifecycle.DISABLED);
    assertThat(pending.timeOfDeletion()).isEqualTo(bed.clock.instant().plus(Duration.ofDays(30)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ENABLED", "DISABLED"})
  void cancelDeletion_restoresTheStateBeforeDeletion(String before) {
    if (before.equals("DISABLED")) {
      disable();
    }
    schedule(null);

    Key back = bed.keys.cancelDeletion(bed.caller(), key.vaultId(), key.id(), null);

    assertThat(back.state()).isEqualTo(Lifecycle.valueOf(before));
    assertThat(back.timeOfDeletion()).isNull();
    assertThat(back.stateBeforeDeletion()).isNull();
  }

  @ParameterizedTest
  @ValueSource(longs = {7 * 24, 10 * 24, 30 * 24})
  void scheduleDeletion_withinSevenToThirtyDays_isTaken(long hours) {
    Instant when = bed.clock.instant().plus(Duration.ofHours(hours));

    assertThat(schedule(when).timeOfDeletion()).isEqualTo(when);
  }

  @ParameterizedTest
  @ValueSource(longs = {-1, 0, 6 * 24, 7 * 24 - 1, 30 * 24 + 1, 365 * 24})
  void scheduleDeletion_outsideSevenToThirtyDays_isInvalidParameter(long hours) {
    Instant when = bed.clock.instant().plus(Duration.ofHours(hours));

    assertApiError(() -> schedule(when), KmsError.INVALID_PARAMETER, "between 7 and 30 days");
    assertThat(bed.keys.get(bed.caller(), key.vaultId(), key.id()).state())
        .isEqualTo(Lifecycle.ENABLED);
  }

  @Test
  void pendingDeletion_refusesEnableDisableAndSecondSchedule() {
    schedule(null);

    assertApiError(this::enable, KmsError.INCORRECT_STATE, "PENDING_DELETION");
    assertApiError(this::disable, KmsError.INCORRECT_STATE, "PENDING_DELETION");
    assertApiError(() -> schedule(null), KmsError.INCORRECT_STATE, "PENDING_DELETION");
  }

  @Test
  void cancelDeletion_notPending_isIncorrectState() {
    assertApiError(
        () -> bed.keys.cancelDeletion(bed.caller(), key.vaultId(), key.id(), null),
        KmsError.INCORRECT_STATE,
        "not pending deletion");
  }

  @Test
  void change_staleEtag_isNoEtagMatchAndNothingChanges() {
    String stale = ETags.of(key.id(), key.timeUpdated());
    bed.keys.rename(bed.caller(), key.vaultId(), key.id(), "renamed", stale);

    assertApiError(
        () -> bed.keys.disable(bed.caller(), key.vaultId(), key.id(), stale),
        KmsError.NO_ETAG_MATCH,
        "if-match");
    assertThat(bed.keys.get(bed.caller(), key.vaultId(), key.id()).state())
        .isEqualTo(Lifecycle.ENABLED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"current", "quoted", "*"})
  void change_currentEtagQuotedOrStar_isTaken(String form) {
    String etag = ETags.of(key.id(), key.timeUpdated());
    String ifMatch =
        switch (form) {
          case "current" -> etag;
          case "quoted" -> "\"" + etag + "\"";
          default -> "*";
        };

    assertThat(bed.keys.disable(bed.caller(), key.vaultId(), key.id(), ifMatch).state())
        .isEqualTo(Lifecycle.DISABLED);
  }

  @Test
  void change_unknownKey_isNotFound() {
    assertApiError(
        () -> bed.keys.disable(bed.caller(), key.vaultId(), "ocid1.key.oc1..nothere", null),
        KmsError.NOT_AUTHORIZED_OR_NOT_FOUND,
        KmsError.NOT_AUTHORIZED_OR_NOT_FOUND_MESSAGE);
  }

  private Key enable() {
    return bed.keys.enable(bed.caller(), key.vaultId(), key.id(), null);
  }

  private Key disable() {
    return bed.keys.disable(bed.caller(), key.vaultId(), key.id(), null);
  }

  private Key schedule(Instant when) {
    return bed.keys.scheduleDeletion(bed.caller(), key.vaultId(), key.id(), when, null);
  }
}
